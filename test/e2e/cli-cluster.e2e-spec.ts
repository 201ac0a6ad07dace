import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { clusterStories, parseLabelledClusterJsonl } from '@chipwatch/alerts';
import { classifierConfigSchema, createClassifier } from '@chipwatch/classifier';
import { loadShippedYamlConfig } from '@chipwatch/config';

const ROOT = join(__dirname, '..', '..');
const DEV_SET = join(ROOT, 'test', 'fixtures', 'clusters', 'dev.jsonl');

interface Verdict {
  id: string;
  relevant: boolean;
  clusterId: string | null;
}

/** Runs the CLI from source, as `npx chipwatch` runs the build: a real process, a file or stdin, stdout. */
function chipwatch(args: string[], input = '') {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, CHIPWATCH_CONFIG_DIR: join(ROOT, 'test', 'no-such-config-dir'), LOG_LEVEL: 'silent' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('chipwatch cluster', () => {
  const stories = parseLabelledClusterJsonl(readFileSync(DEV_SET, 'utf8'));

  it('clusters the dev set from a file: one {"id","relevant","clusterId"} line per input, in input order', () => {
    const { status, stdout, stderr } = chipwatch(['cluster', DEV_SET]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(stories.length);
    // Exactly these keys, in this order: users' scripts read them.
    for (const line of lines) expect(line).toMatch(/^\{"id":"[^"]+","relevant":(true|false),"clusterId":("[^"]+"|null)\}$/);
    const verdicts = lines.map((line) => JSON.parse(line) as Verdict);
    expect(verdicts.map((v) => v.id)).toEqual(stories.map((s) => s.id));
    for (const v of verdicts) expect(v.clusterId === null).toBe(!v.relevant);
    // A cluster id is its first member's story id, and that member is in the cluster.
    const byId = new Map(verdicts.map((v) => [v.id, v]));
    for (const v of verdicts) if (v.clusterId) expect(byId.get(v.clusterId)?.clusterId).toBe(v.clusterId);
    // The US rule on Huawei in four languages is one cluster; China's threat that afternoon another.
    expect(['CD-0001', 'CD-0004', 'CD-0005', 'CD-0006'].map((id) => byId.get(id)?.clusterId)).toEqual(['CD-0001', 'CD-0001', 'CD-0001', 'CD-0001']);
    expect(['CD-0002', 'CD-0003'].map((id) => byId.get(id)?.clusterId)).toEqual(['CD-0002', 'CD-0002']);
    expect(byId.get('CD-0055')).toEqual({ id: 'CD-0055', relevant: false, clusterId: null });

    // The same clustering as the library's, which the live evaluator and the backtest use.
    const classifier = createClassifier(loadShippedYamlConfig('classifier.yaml', classifierConfigSchema));
    expect(verdicts).toEqual(clusterStories(stories, classifier).map(({ id, relevant, clusterId }) => ({ id, relevant, clusterId })));
  }, 120_000);

  it('reads stdin, and --window narrows the time two versions of an event may be apart', () => {
    const input = stories
      .filter((s) => ['CD-0001', 'CD-0004', 'CD-0006'].includes(s.id))
      .map((s) => JSON.stringify({ id: s.id, title: s.title, summary: s.summary, lang: s.lang, publishedAt: s.publishedAt }))
      .join('\n');
    const clusters = (args: string[]) => chipwatch(['cluster', ...args], input + '\n').stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as Verdict).clusterId);
    expect(clusters(['-'])).toEqual(['CD-0001', 'CD-0001', 'CD-0001']);
    // The Japanese version is 10 h after the English one; the German 7 h after the Japanese.
    expect(clusters(['--window', '8h', '-'])).toEqual(['CD-0001', 'CD-0004', 'CD-0004']);
  }, 120_000);

  it('answers a line it cannot read in its place and exits 1, clustering the rest', () => {
    const good = JSON.stringify({ id: 'a', title: 'US tightens export controls on Nvidia H20 chips to China', publishedAt: '2025-04-15T10:00:00Z' });
    const { status, stdout, stderr } = chipwatch(['cluster'], `${good}\nnot json\n{"title":"no id"}\n{"id":"b","title":"t","publishedAt":"soon"}\n`);
    expect(status).toBe(1);
    expect(stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      { id: 'a', relevant: true, clusterId: 'a' },
      { line: 2, error: expect.stringMatching(/^not JSON/) as unknown },
      { line: 3, id: null, error: 'expected an object with a string "id" and "title"' },
      { line: 4, id: 'b', error: 'publishedAt "soon" is not an ISO 8601 time' },
    ]);
    expect(stderr).toBe('chipwatch cluster: 3 line(s) could not be read\n');
  }, 120_000);
});
