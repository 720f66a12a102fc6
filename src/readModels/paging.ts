import { z } from 'zod';

/** A screenful a person reads: the lists are sorted most urgent first, so the first page is what matters. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Deeper than anyone pages by hand; bounds the rows a request can make the database sort. */
export const MAX_PAGE = 1000;

export const pagingSchema = z.strictObject({
  /** 1-based. */
  page: z.int().min(1).max(MAX_PAGE).default(1),
  limit: z.int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});
export type Paging = z.infer<typeof pagingSchema>;

export const pageInfoSchema = z.strictObject({
  page: z.int(),
  limit: z.int(),
  /** Every row of the list, on all pages. */
  total: z.int(),
  pages: z.int(),
  previousPage: z.int().nullable(),
  nextPage: z.int().nullable(),
});
export type PageInfo = z.infer<typeof pageInfoSchema>;

export function pageInfo({ page, limit }: Paging, total: number): PageInfo {
  const pages = Math.max(1, Math.ceil(total / limit));
  return { page, limit, total, pages, previousPage: page > 1 ? Math.min(page - 1, pages) : null, nextPage: page < pages ? page + 1 : null };
}

/** The rows of `page` from a list already sorted that holds at least its first `page × limit` rows. */
export const pageOf = <T>(sorted: readonly T[], { page, limit }: Paging): T[] => sorted.slice((page - 1) * limit, page * limit);
