import { z } from 'zod';
import { idSchema } from '../../domain/legalBasis';
import { bodyIdSchema } from './common';

/** The JSON API of statutory processes: a process is named by its body and its definition. */
export const processParamsSchema = z.strictObject({ body: bodyIdSchema, definition: idSchema });
export type ProcessParams = z.infer<typeof processParamsSchema>;

export { startedProcessSchema, startProcessSchema } from '../../processes/startProcess';
