/**
 * `npm run bench` runs every benchmark; `npm run bench -- start scale` runs those named.
 * Results go to bench/results/latest.json and latest.md (git-ignored; see bench/results/example.md).
 */
import { z } from 'zod';
import { apiStartBench } from './apiStart.bench';
import { dashboardBench } from './dashboard.bench';
import { deadlinesBench } from './deadlines.bench';
import { scaleBench } from './scale.bench';
import { notificationsBench } from './notifications.bench';
import { serversBench } from './servers.bench';
import { startBench } from './start.bench';
import { statutoryYearBench } from './statutoryYear.bench';
import { log, writeResults, type Bench, type BenchResult } from './support/runner';

const BENCHES: readonly Bench[] = [startBench, apiStartBench, scaleBench, notificationsBench, deadlinesBench, statutoryYearBench, serversBench, dashboardBench];

async function main(): Promise<void> {
  const names = BENCHES.map((b) => b.name) as [string, ...string[]];
  const parsed = z.array(z.enum(names)).safeParse(process.argv.slice(2));
  if (!parsed.success) {
    process.stderr.write(`usage: npm run bench [-- ${names.join(' | ')} ...]\n`);
    process.exitCode = 2;
    return;
  }
  const chosen = parsed.data.length ? BENCHES.filter((b) => parsed.data.includes(b.name)) : BENCHES;
  const results: BenchResult[] = [];
  for (const bench of chosen) {
    log(`${bench.name}: ${bench.description}`);
    const started = Date.now();
    const result = await bench.run();
    log(`${bench.name}: ${result.ratio?.toFixed(2) ?? '–'}× (${result.met === undefined ? 'no goal' : result.met ? 'goal met' : 'goal MISSED'}) in ${Math.round((Date.now() - started) / 1000)} s`);
    results.push(result);
  }
  const { md } = writeResults(results);
  process.stdout.write(`${require('node:fs').readFileSync(md, 'utf8')}`);
}

main().catch((error: Error) => {
  process.stderr.write(`bench: ${error.stack ?? error.message}\n`);
  process.exitCode = 1;
});
