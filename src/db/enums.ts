/**
 * The database spells enum values with underscores (`met_late`); the API, the CLI and the domain
 * with hyphens (`met-late`), as the catalogue does. These two functions are the only crossing.
 */
type Underscored<T extends string> = T extends `${infer A}-${infer B}` ? `${A}_${Underscored<B>}` : T;
type Hyphenated<T extends string> = T extends `${infer A}_${infer B}` ? `${A}-${Hyphenated<B>}` : T;

export function toDbEnum<T extends string>(value: T): Underscored<T> {
  return value.replace(/-/g, '_') as never;
}

export function fromDbEnum<T extends string>(value: T): Hyphenated<T> {
  return value.replace(/_/g, '-') as never;
}

/** `YYYY-MM-DD` ⇄ the Date Prisma uses for a `@db.Date` column (midnight UTC). */
export const dateColumn = (isoDate: string): Date => new Date(`${isoDate}T00:00:00.000Z`);
export const isoDateOf = (column: Date): string => column.toISOString().slice(0, 10);
