export function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

export function printJson(value: unknown): void {
  print(JSON.stringify(value, null, 2));
}

/** Rows as an aligned table under upper-case headings; empty cells show as `-`. */
export function printTable<Row>(rows: readonly Row[], columns: readonly [heading: string, cell: (row: Row) => string | null | undefined][]): void {
  const cells = [columns.map(([heading]) => heading.toUpperCase()), ...rows.map((row) => columns.map(([, cell]) => cell(row) || '-'))];
  const widths = columns.map((_, i) => Math.max(...cells.map((line) => line[i]!.length)));
  for (const line of cells) print(line.map((cell, i) => (i === line.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '));
}

/** `name  value` lines, names aligned. */
export function printFields(fields: readonly [name: string, value: string | null | undefined][]): void {
  const width = Math.max(...fields.map(([name]) => name.length));
  for (const [name, value] of fields) print(`${name.padEnd(width)}  ${value || '-'}`);
}
