import { z } from 'zod';
import { ACTION_RAGS, ACTION_STATUSES } from './actionRag';

export const actionStatusSchema = z.enum(ACTION_STATUSES);

export const actionRagSchema = z.enum(ACTION_RAGS);
