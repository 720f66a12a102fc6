import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** One benchmark's outcome: a headline ratio against a baseline measured in the same run, and its other figures. */
export interface BenchResult {
  name: string;
  /** What was run, e.g. "400 assignments, 16 in flight". */
  size: string;
  /** subject ÷ baseline, in the direction the goal states (higher is better unless `lowerIsBetter`). */
  ratio?: number;
  goal: string;
  /** undefined: no goal to judge (informational, or "not yet"). */
  met?: boolean;
  figures: Record<string, string | number>;
  notes?: string[];
}

export interface Bench {
  name: string;
  description: string;
  run(): Promise<BenchResult>;
}

/** An environment size, e.g. BENCH_START_N=2000 (at least `min`, 1 unless told); a bad value stops the run naming the variable. */
export function envInt(name: string, fallback: number, min = 1): number {
  const parsed = z.coerce.number().int().min(min).optional().safeParse(process.env[name] || undefined);
  if (!parsed.success) throw new Error(`${name}="${process.env[name]}" is invalid: expected a whole number of at least ${min}`);
  return parsed.data ?? fallback;
}

export function machine(): Record<string, string> {
  const cpu = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  return {
    nproc: String(os.availableParallelism()),
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    cpu,
    node: process.version,
    date: new Date().toISOString(),
  };
}

const fmt = (value: string | number) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)) : value);

export function markdownTable(results: readonly BenchResult[], info: Record<string, string>): string {
  const lines = [
    `Machine: ${info.nproc} cores (${info.cpu}), ${info.memory}, Node ${info.node}; run ${info.date}.`,
    '',
    '| benchmark | size | ratio | goal | met |',
    '|---|---|---|---|---|',
    ...results.map((r) => `| ${r.name} | ${r.size} | ${r.ratio === undefined ? '–' : `${r.ratio.toFixed(2)}×`} | ${r.goal} | ${r.met === undefined ? '–' : r.met ? 'yes' : '**no**'} |`),
    '',
  ];
  for (const r of results) {
    if (Object.keys(r.figures).length === 0 && !r.notes?.length) continue;
    lines.push(`**${r.name}**`, '');
    for (const [key, value] of Object.entries(r.figures)) lines.push(`- ${key}: ${fmt(value)}`);
    for (const note of r.notes ?? []) lines.push(`- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

export function writeResults(results: readonly BenchResult[], dir = path.resolve(__dirname, '../results')): { json: string; md: string } {
  const info = machine();
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'latest.json');
  const md = path.join(dir, 'latest.md');
  fs.writeFileSync(json, `${JSON.stringify({ machine: info, results }, null, 2)}\n`);
  fs.writeFileSync(md, markdownTable(results, info));
  return { json, md };
}

/** Runs `task` over `items` with at most `limit` in flight; resolves with the results in order. */
export async function inParallel<T, R>(items: readonly T[], limit: number, task: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

export const seconds = (ms: number) => Number((ms / 1000).toFixed(2));
export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
export const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
