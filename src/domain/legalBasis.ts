import { z } from 'zod';

/** How sure we are of a rule or duty (DOMAIN.md): users see this label next to every date. */
export const confidenceSchema = z.enum(['statute', 'guidance', 'unconfirmed', 'local']);
export type Confidence = z.infer<typeof confidenceSchema>;

export const legalBasisSchema = z.strictObject({
  citation: z.string().min(1),
  url: z.url({ message: 'expected a URL (legislation.gov.uk where there is one)' }).optional(),
});
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const idSchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a lower-case id with hyphens, e.g. agenda-publication' });
