import { z } from 'zod';
import { MAX_PAGE, type PageInfo } from '../../readModels/paging';

/** A page's `?page=`: anything that is not a page number shows the first page. */
export const pageNumberSchema = z.coerce.number().int().min(1).max(MAX_PAGE).catch(1);

export interface Pager {
  /** "Showing 1 to 50 of 2,088" */
  summary: string;
  previous?: { href: string; labelText: string };
  next?: { href: string; labelText: string };
}

const count = new Intl.NumberFormat('en-GB');

/** The previous and next links of a list's page (govukPagination), each made by `href` for a page number. */
export function pager(info: PageInfo, href: (page: number) => string): Pager {
  const first = (info.page - 1) * info.limit + 1;
  const last = Math.min(info.total, info.page * info.limit);
  return {
    summary: first <= last ? `Showing ${count.format(first)} to ${count.format(last)} of ${count.format(info.total)}` : `Nothing on page ${info.page}: there are ${count.format(info.total)} in all`,
    ...(info.previousPage !== null ? { previous: { href: href(info.previousPage), labelText: `${info.previousPage} of ${info.pages}` } } : {}),
    ...(info.nextPage !== null ? { next: { href: href(info.nextPage), labelText: `${info.nextPage} of ${info.pages}` } } : {}),
  };
}
