import type { Config } from './config/config';

const order = { debug: 10, info: 20, warn: 30, error: 40 } as const;
export type LogLevel = keyof typeof order;

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  child(component: string): Logger;
}

/** Plain, timestamped lines on stderr, tagged with the component that wrote them. */
export function createLogger(level: Config['logLevel'] = 'info', component = 'engine'): Logger {
  const write = (at: LogLevel) => (message: string) => {
    if (order[at] < order[level]) return;
    process.stderr.write(`${new Date().toISOString()} ${at.toUpperCase().padEnd(5)} [${component}] ${message}\n`);
  };
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    child: (name) => createLogger(level, name),
  };
}
