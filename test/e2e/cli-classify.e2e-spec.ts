import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from '../support/processes';

const ROOT = join(__dirname, '..', '..');

/** A line of `chipwatch classify` output: a verdict, or `{ line, id?, error }` in place of an input line it could not read. */
interface OutputLine {
  id?: string | null;
  relevant?: boolean;
  language?: string;
  line?: number;
  error?: string;
}

const outputLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as OutputLine);

/** Runs the CLI from source, as `npx chipwatch` runs the build: a real process, stdin and stdout. */
function chipwatch(args: string[], input: string) {
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/cli/src/main.ts'), ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    env: { ...process.env, CHIPWATCH_CONFIG_DIR: join(ROOT, 'test', 'no-such-config-dir'), LOG_LEVEL: 'silent' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('chipwatch classify', () => {
  it('refuses a --config file that does not exist rather than using the shipped lexicon', () => {
    const { status, stdout, stderr } = chipwatch(['classify', '--config', 'no-such-classifier.yaml', '-'], '{"id":"a","title":"x"}\n');
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('chipwatch classify: --config no-such-classifier.yaml: no such file\n');
  });

  it('classifies JSONL from stdin in input order with the shipped classifier.yaml, no server or database', () => {
    const seed = readFileSync(join(ROOT, 'test/fixtures/classifier/seed-article-pt.txt'), 'utf8').split('\n').filter(Boolean);
    const lines = [
      { id: 'seed', title: seed[0], summary: seed.slice(1, 4).join(' '), lang: 'pt' },
      { id: 'neg', title: 'How to export a spreadsheet to CSV', summary: 'A quick guide to the export menu.' },
      { id: 'nvidia-only', title: 'NVIDIA reports record quarterly revenue' },
    ];
    const { status, stdout, stderr } = chipwatch(['classify', '-'], lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const out = outputLines(stdout);
    expect(out.map((o) => [o.id, o.relevant])).toEqual([
      ['seed', true],
      ['neg', false],
      ['nvidia-only', false],
    ]);
    expect(Object.keys(out[0]).sort()).toEqual(['entities', 'evidence', 'id', 'language', 'relevant', 'score', 'subtopics']);
    expect(out[0].language).toBe('pt');
  });

  it('answers a bad line in its place and exits 1', () => {
    const { status, stdout, stderr } = chipwatch(['classify'], '{"id":"a","title":"H20 export licence revoked"}\nnot json\n{"id":"b"}\n');
    expect(status).toBe(1);
    const out = outputLines(stdout);
    expect(out[0].id).toBe('a');
    expect(out[1]).toMatchObject({ line: 2, error: expect.stringMatching(/not JSON/) as string });
    expect(out[2]).toMatchObject({ line: 3, id: 'b', error: expect.stringMatching(/title/) as string });
    expect(stderr).toMatch(/2 line\(s\) could not be classified/);
  });

  describe('built, as `npx chipwatch` runs it', () => {
    beforeAll(() => ensureBuilt(), 240_000);

    it('finds the shipped classifier.yaml from any directory, with no config dir', () => {
      const cwd = mkdtempSync(join(tmpdir(), 'chipwatch-cwd-'));
      try {
        const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'silent' };
        // The default config dir is ./config under the cwd, which holds nothing here.
        delete env.CHIPWATCH_CONFIG_DIR;
        const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'chipwatch.js'), 'classify', '-'], {
          cwd,
          input: '{"id":"a","title":"US tightens export controls on Nvidia H20 chips to China"}\n',
          encoding: 'utf8',
          env,
          timeout: 60_000,
        });
        expect(result.stderr).toBe('');
        expect(result.status).toBe(0);
        expect(JSON.parse(result.stdout)).toMatchObject({
          id: 'a',
          relevant: true,
          entities: { companies: ['NVIDIA'], products: ['H20'] },
        });
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  });
});
