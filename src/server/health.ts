export type HealthCheck = () => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: Record<string, { ok: boolean; ms: number; error?: string }>;
}

/** Runs every check at once, each bounded by a time-out, and reports which parts answer. */
export async function runHealthChecks(checks: Record<string, HealthCheck>, timeoutMs = 3000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = performance.now();
      try {
        await withTimeout(check(), timeoutMs);
        return [name, { ok: true, ms: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        const message = (error as Error).message?.split('\n')[0] ?? String(error);
        return [name, { ok: false, ms: Math.round(performance.now() - started), error: message }] as const;
      }
    }),
  );
  const results: HealthReport['checks'] = Object.fromEntries(entries);
  return { status: Object.values(results).every((r) => r.ok) ? 'ok' : 'degraded', checks: results };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
