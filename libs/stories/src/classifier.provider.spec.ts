import { join } from 'node:path';
import { classifierConfigSchema, createClassifier } from '@chipwatch/classifier';
import { loadShippedYamlConfig, shippedConfigPath } from '@chipwatch/config';
import { loadClassifier } from './classifier.provider';

describe('loadClassifier', () => {
  it('given a config dir without classifier.yaml, when loaded, then the shipped file is used and named as the source', () => {
    const { classifier, source } = loadClassifier(join(__dirname, 'no-such-config-dir', 'classifier.yaml'));
    expect(source).toBe(shippedConfigPath('classifier.yaml'));
    expect(classifier.version).toBe(createClassifier(loadShippedYamlConfig('classifier.yaml', classifierConfigSchema)).version);
  });
});
