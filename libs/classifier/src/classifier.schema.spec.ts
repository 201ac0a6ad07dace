import { readFileSync } from 'node:fs';
import { shippedConfigPath } from '@chipwatch/config';
import { parse } from 'yaml';
import { classifierConfigSchema, type ClassifierConfigInput } from './classifier.schema';

describe('classifier config schema', () => {
  const shipped = parse(readFileSync(shippedConfigPath('classifier.yaml'), 'utf8')) as ClassifierConfigInput;

  it('accepts the shipped config/classifier.yaml', () => {
    const result = classifierConfigSchema.safeParse(shipped);
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });

  it('rejects unknown keys, naming where they are', () => {
    const result = classifierConfigSchema.safeParse({ ...shipped, treshold: 0.4 });
    expect(result.success).toBe(false);
    expect(result.error!.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['treshold'], path: [] })]);

    const nested = structuredClone(shipped);
    (nested.concepts.export as Record<string, unknown>).term = ['export*'];
    const issues = classifierConfigSchema.safeParse(nested).error!.issues;
    expect(issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', path: ['concepts', 'export'] })]);
  });

  it('reports references to concepts that do not exist, with their path', () => {
    const broken = structuredClone(shipped);
    broken.signals[0].all = ['export-control', 'chipz'];
    broken.entities.companies!.NVIDIA.concepts = ['chip-compnay'];
    broken.derived!['export-control'].near = ['export', ['restriction', 'sales-block']];
    const issues = classifierConfigSchema.safeParse(broken).error!.issues.map((i) => ({ path: i.path, message: i.message }));
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: ['signals', 0, 'all', 1], message: 'unknown concept "chipz"' },
        { path: ['entities', 'companies', 'NVIDIA', 'concepts', 0], message: 'unknown concept "chip-compnay"' },
        expect.objectContaining({ path: ['derived', 'export-control', 'near', 1, 1] }),
      ]),
    );
  });

  it('rejects out-of-range values', () => {
    expect(classifierConfigSchema.safeParse({ ...shipped, threshold: 1.5 }).success).toBe(false);
    expect(classifierConfigSchema.safeParse({ ...shipped, signals: [{ id: 'x', all: [], weight: 1 }] }).success).toBe(false);
  });
});
