/**
 * The benchmark's shared vocabulary. Every result is a ratio against a baseline measured in the
 * same run on the same machine, because absolute figures on a shared 2-core machine are noise.
 */
export interface BenchResult {
  /** Stable dotted name, e.g. `eventstore.sqlite.append1`: compared across commits. */
  name: string;
  unit: string;
  value: number;
  baseline: number | null;
  /** value ÷ baseline when higher is better; baseline ÷ value when lower is better. */
  ratio: number | null;
  /** What the baseline is, and anything a reader needs to judge the figure. */
  note?: string;
}

export interface Bench {
  name: string;
  run(): Promise<BenchResult[]>;
}

/** Median of `rounds` measurements, alternating ours and the baseline so drift hits both. A measurement may be synchronous. */
export async function alternate(
  rounds: number,
  ours: () => number | Promise<number>,
  baseline: () => number | Promise<number>,
): Promise<{ value: number; baseline: number }> {
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    b.push(await baseline());
    a.push(await ours());
  }
  return { value: median(a), baseline: median(b) };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `work` and returns operations per second. */
export async function perSecond(operations: number, work: () => Promise<void>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return operations / seconds;
}

export function higherIsBetter(name: string, unit: string, measured: { value: number; baseline: number }, note?: string): BenchResult {
  return {
    name,
    unit,
    value: round(measured.value),
    baseline: round(measured.baseline),
    ratio: round(measured.value / measured.baseline, 3),
    note,
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
