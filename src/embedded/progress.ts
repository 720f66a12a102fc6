/** Formats a duration in milliseconds as e.g. `2m05s` or `7s`. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return minutes > 0 ? `${minutes}m${String(seconds).padStart(2, '0')}s` : `${seconds}s`;
}

/**
 * Calls `log` with `describe(elapsed)` at most once every `intervalMs` while work is under way, so that a
 * long build prints a steady trickle of progress lines instead of either silence or a flood.
 */
export class ThrottledProgress {
  private readonly startedAt = Date.now();
  private lastReportAt = Date.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly log: (line: string) => void,
    private readonly describe: (elapsed: string) => string,
    private readonly intervalMs = 5_000,
  ) {
    // A heartbeat so that a long silent phase (downloads, linking) still shows the clock moving.
    this.timer = setInterval(() => this.report(), intervalMs);
    this.timer.unref();
  }

  /** Call whenever something countable happened; reports only if the interval has passed. */
  tick(): void {
    if (Date.now() - this.lastReportAt >= this.intervalMs) this.report();
  }

  elapsedMs(): number {
    return Date.now() - this.startedAt;
  }

  elapsed(): string {
    return formatElapsed(this.elapsedMs());
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private report(): void {
    this.lastReportAt = Date.now();
    this.log(this.describe(this.elapsed()));
  }
}

/** Keeps the last `max` lines written to a stream, for error messages. */
export class LineTail {
  private readonly lines: string[] = [];
  private partial = '';

  constructor(private readonly max = 20) {}

  /** Feeds a chunk; returns the complete lines it finished. */
  push(chunk: Buffer | string): string[] {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? '';
    const complete = parts.filter((l) => l.trim() !== '');
    for (const line of complete) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
    return complete;
  }

  text(): string[] {
    const all = this.partial.trim() ? [...this.lines, this.partial] : [...this.lines];
    return all.slice(-this.max);
  }
}
