/**
 * Generated bad input for the API and the CLI: values of the wrong type, missing and unknown fields,
 * huge strings and deep nesting, impossible dates, control characters, SQL and HTML injection. A
 * candidate counts as bad only when the contract's own zod schema refuses it, so every request
 * built here must be refused.
 */
import fc from 'fast-check';
import type { z } from 'zod';

const nest = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { deeper: value };
  return value;
};

export const impossibleDates = [
  '2025-02-30', '2023-02-29', '2100-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '2025-01-00', '0000-01-01', '0000-00-00',
  '-0001-01-01', '+02025-01-01', '2025-1-1', '31/01/2026', '2025-01-01T00:00:00+01:00', '2025-03-30T01:30:00Z', '2025-10-26T01:30+01:00',
  '2025-01-01 ', ' 2025-01-01', '2025‐01‐01', '२०२५-०१-०१', 'yesterday', '',
];

export const injections = [
  "'; DROP TABLE body; --", "1' OR '1'='1", '"); DELETE FROM assignment; --', "a-zzzzzzzz' OR 1=1 --", '$1; SELECT pg_sleep(5)',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg onload=alert(1)>', '{{7*7}}', '${process.exit()}', '../../etc/passwd',
];

const controlText = fc
  .tuple(fc.string({ maxLength: 8 }), fc.array(fc.integer({ min: 0, max: 31 }), { minLength: 1, maxLength: 6 }), fc.string({ maxLength: 8 }))
  .map(([a, codes, b]) => `${a}${String.fromCharCode(...codes)}${b}`);

/** Text that is wrong in some way for an id, an email, a date or an enum (and sometimes for any field). */
export const badText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...impossibleDates),
  fc.constantFrom(...injections),
  controlText,
  fc.integer({ min: 201, max: 120_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('', '   ', '\u202e', '\u{1F4A9}', 'A'.repeat(61), 'UPPER-CASE', 'no spaces allowed', 'a-ZZZZZZZZ', 'a-0000000', 'not-an-email', '@', 'x@', 'a@b@c'),
  fc.string({ maxLength: 40 }),
);

/** Any JSON value likely to be wrong where it lands. */
export const badValue: fc.Arbitrary<unknown> = fc.oneof(
  badText,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  fc.integer({ min: 50, max: 3_000 }).map(nest),
);

/** A valid request body changed in one to three ways. */
export function badBody(valid: Record<string, unknown>, schema: z.ZodType): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const change = fc.oneof(
    fc.record({ kind: fc.constant('drop' as const), key: fc.constantFrom(...keys) }),
    fc.record({ kind: fc.constant('set' as const), key: fc.constantFrom(...keys), value: badValue }),
    fc.record({ kind: fc.constant('add' as const), key: fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'id', 'status')), value: badValue }),
  );
  const mutated = fc.array(change, { minLength: 1, maxLength: 3 }).map((changes) => {
    const body: Record<string, unknown> = { ...valid };
    for (const c of changes) {
      if (c.kind === 'drop') delete body[c.key];
      else Object.defineProperty(body, c.key, { value: c.value, enumerable: true, writable: true, configurable: true });
    }
    return body;
  });
  const notAnObject = fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 20 }), fc.array(fc.constant(valid), { maxLength: 2 }));
  return fc.oneof({ weight: 5, arbitrary: mutated }, { weight: 1, arbitrary: notAnObject }).filter((body) => !schema.safeParse(body).success);
}

/** Text for a path parameter or query value that `schema` refuses, short enough for a URL. */
export function badParam(schema: z.ZodType): fc.Arbitrary<string> {
  return badText.map((text) => text.slice(0, 2_000)).filter((text) => text.length > 0 && !schema.safeParse(text).success);
}

/** Bodies that are not JSON, or not what they claim to be. */
export const malformedPayloads: fc.Arbitrary<{ text: string; contentType: string }> = fc.oneof(
  fc.record({ text: fc.constantFrom('{"id":', '{', '[1,2', "{'id':'x'}", 'undefined', '{"a":1}}', '\u0000', ''), contentType: fc.constant('application/json') }),
  fc.record({ text: fc.constantFrom('id=north-csp&name=x', '<xml/>', 'plain text'), contentType: fc.constantFrom('text/plain', 'application/x-www-form-urlencoded', 'application/xml') }),
  fc.constant({ text: JSON.stringify({ name: 'x'.repeat(1_100_000) }), contentType: 'application/json' }),
);
