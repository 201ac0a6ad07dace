import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigFileError } from './config-file.error';
import { parseYamlConfig, shippedConfigPath } from './yaml-file.loader';

const schema = z
  .object({
    feeds: z.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), interval: z.string().optional() }).strict()),
  })
  .strict();

function issuesOf(text: string) {
  try {
    parseYamlConfig(text, schema, 'feeds.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigFileError);
    return (error as ConfigFileError).issues;
  }
  throw new Error('expected a ConfigFileError');
}

describe('parseYamlConfig', () => {
  it('returns the validated value', () => {
    expect(parseYamlConfig('feeds:\n  - id: a\n', schema, 'feeds.yaml')).toEqual({ feeds: [{ id: 'a' }] });
  });

  it('names file, line, column and key of a bad value', () => {
    expect(issuesOf('feeds:\n  - id: ok\n  - id: Not Valid\n')).toEqual([
      expect.objectContaining({ file: 'feeds.yaml', line: 3, column: 9, key: 'feeds.1.id' }),
    ]);
  });

  it('reports an unknown key at the key itself, so a typo never silently disables a setting', () => {
    const [issue] = issuesOf('feeds:\n  - id: a\n    intervall: 5m\n');
    expect(issue).toMatchObject({ line: 3, column: 5, key: 'feeds.0.intervall', message: 'unknown key "intervall"' });
  });

  it('reports a missing key at its parent', () => {
    const [issue] = issuesOf('feeds:\n  - interval: 5m\n');
    expect(issue).toMatchObject({ line: 2, column: 5, key: 'feeds.0.id' });
  });

  it('reports YAML syntax errors with their position', () => {
    const [issue] = issuesOf('feeds:\n  - id: a\n   - id: b\n');
    expect(issue.line).toBeGreaterThanOrEqual(2);
    expect(issue.key).toBe('');
  });

  it('reports duplicate keys', () => {
    expect(issuesOf('feeds: []\nfeeds: []\n')[0].message).toMatch(/unique/i);
  });

  it('formats every issue into the error message', () => {
    expect(() => parseYamlConfig('feeds:\n  - id: A\n', schema, '/etc/x.yaml')).toThrow(/\/etc\/x\.yaml:2:9: feeds\.0\.id: /);
  });
});

describe('shippedConfigPath', () => {
  it('points into the package root config dir, whatever the cwd', () => {
    const cwd = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(shippedConfigPath('classifier.yaml')).toBe(join(__dirname, '..', '..', '..', 'config', 'classifier.yaml'));
    } finally {
      process.chdir(cwd);
    }
  });
});
