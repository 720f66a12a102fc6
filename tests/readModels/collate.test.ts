import { collate, compareFixed } from '../../src/readModels/rows';

const sign = (x: number) => Math.sign(x);

describe('collate', () => {
  it('orders exactly as localeCompare, on plain ids and on anything else', () => {
    const alphabet = '-:0123456789abcdefghijklmnopqrstuvwxyzAÉ_. ';
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const id = () => Array.from({ length: 1 + random(10) }, () => alphabet[random(random(2) ? 4 : alphabet.length)]).join('');
    for (let i = 0; i < 20_000; i++) {
      const a = `action:${id()}`;
      const b = random(3) === 0 ? a.slice(0, -1) + id() : `action:${id()}`;
      expect([a, b, sign(collate(a, b))]).toEqual([a, b, sign(a.localeCompare(b))]);
    }
    for (const [a, b] of [['a-b', 'ab'], ['a:b', 'a1'], ['A', 'a'], ['x', 'X1'], ['é', 'e'], ['act-10', 'act-9'], ['', 'a']] as const) {
      expect(sign(collate(a, b))).toBe(sign(a.localeCompare(b)));
    }
  });

  it('compareFixed agrees with localeCompare on dates and times', () => {
    for (const [a, b] of [['2026-01-05', '2026-01-15'], ['2025-12-31', '2026-01-01'], ['09:00', '17:30'], ['24:00', '23:59']] as const) {
      expect(sign(compareFixed(a, b))).toBe(sign(a.localeCompare(b)));
    }
  });
});
