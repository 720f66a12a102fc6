import { pageInfo } from '../../src/readModels/paging';
import { pageNumberSchema, pager } from '../../src/server/pages/pager';

describe('a page of a list: the summary and the previous and next links', () => {
  const href = (n: number) => `/overdue?page=${n}#all`;

  it('links only forward from the first page and only back from the last', () => {
    expect(pager(pageInfo({ page: 1, limit: 50 }, 2088), href)).toEqual({ summary: 'Showing 1 to 50 of 2,088', next: { href: '/overdue?page=2#all', labelText: '2 of 42' } });
    expect(pager(pageInfo({ page: 42, limit: 50 }, 2088), href)).toEqual({ summary: 'Showing 2,051 to 2,088 of 2,088', previous: { href: '/overdue?page=41#all', labelText: '41 of 42' } });
    expect(pager(pageInfo({ page: 1, limit: 50 }, 3), href)).toEqual({ summary: 'Showing 1 to 3 of 3' });
  });

  it('says so past the end, and leads back to the last page', () => {
    expect(pager(pageInfo({ page: 9, limit: 50 }, 120), href)).toEqual({ summary: 'Nothing on page 9: there are 120 in all', previous: { href: '/overdue?page=3#all', labelText: '3 of 3' } });
  });

  it('reads ?page= as a page number, and anything else as the first page', () => {
    expect(['2', '1000', undefined, '', '0', '-3', 'x', '2.5', '1001'].map((text) => pageNumberSchema.parse(text))).toEqual([2, 1000, 1, 1, 1, 1, 1, 1, 1]);
  });
});
