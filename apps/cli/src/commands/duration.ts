import { InvalidArgumentError } from 'commander';

/** `90m`, `24h`, `30d` as milliseconds, for command-line options. */
export function parseSpan(value: string): number {
  const match = /^(\d{1,6})([smhd])$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a span such as 90m, 24h or 30d');
  return Number(match[1]) * { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2] as 's' | 'm' | 'h' | 'd'];
}
