import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifierConfigSchema, createClassifier } from '@chipwatch/classifier';
import { loadShippedYamlConfig } from '@chipwatch/config';
import { classifyJob } from './classify-job';

const classifier = createClassifier(loadShippedYamlConfig('classifier.yaml', classifierConfigSchema));
const seed = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'classifier', 'seed-article-pt.txt'), 'utf8');
const [seedTitle, ...seedBody] = seed.split('\n');

describe('classifyJob', () => {
  it('puts a story the classifier would flag in front, with the derived job id', () => {
    const job = classifyJob(
      { storyId: 'abc', contentVersion: 1, title: seedTitle, summary: seedBody.join(' ').slice(0, 2000), language: 'pt' },
      classifier,
    );
    expect(job).toEqual({
      name: 'classify-story',
      jobId: `classify-story:abc:1:${classifier.version}`,
      data: { storyId: 'abc' },
      background: false,
    });
  });

  it('puts a story it would not flag in the background', () => {
    const job = classifyJob(
      { storyId: 'xyz', contentVersion: 3, title: 'How to export your photos to a USB stick', summary: 'A short guide.', language: 'und' },
      classifier,
    );
    expect(job).toMatchObject({ jobId: `classify-story:xyz:3:${classifier.version}`, background: true });
  });
});
