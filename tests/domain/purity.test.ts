import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const DOMAIN = join(__dirname, '../../src/domain');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(directory, entry.name)) : entry.name.endsWith('.ts') ? [join(directory, entry.name)] : [],
  );
}

// Workflow code imports src/domain inside Temporal's deterministic sandbox.
const FORBIDDEN: Array<[string, RegExp]> = [
  ['a Node built-in', /from ['"](node:|fs|path|os|child_process|crypto|http|https|net|util|events|stream)['"/]/],
  ['require()', /\brequire\(/],
  ['process', /\bprocess\./],
  ['the clock', /Date\.now\(|new Date\(\s*\)|performance\.now/],
  ['randomness', /Math\.random/],
  ['timers', /\bset(Timeout|Interval|Immediate)\(/],
  ['an import from outside the domain', /from ['"]\.\.\/\.\.\//],
];

describe('src/domain is pure', () => {
  it.each(sourceFiles(DOMAIN).map((file) => [relative(DOMAIN, file), file]))('%s uses no I/O, clock or Node built-ins', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/from ['"]([^'"]+)['"]/g)].map((match) => match[1]);
    expect(imports.filter((source) => !source!.startsWith('.') && source !== 'zod')).toEqual([]);
    expect(FORBIDDEN.filter(([, pattern]) => pattern.test(text)).map(([what]) => what)).toEqual([]);
  });
});
