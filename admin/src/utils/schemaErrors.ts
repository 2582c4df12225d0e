import type { z } from '../../../shared/contracts/common';
import { codedIssues } from '../../../shared/contracts/issues';
import type { FlatErrors } from './formErrors';
import { fieldMessage, type Translate } from './validationMessages';

/**
 * The errors the server would answer for `data`, found by the same contract schema in the panel, by
 * joined path and in the admin's language (the first one of each field).
 */
export const schemaErrors = (schema: z.ZodType, data: unknown, t: Translate): FlatErrors => {
  const result = schema.safeParse(data);
  if (result.success) return {};
  const out: FlatErrors = {};
  for (const issue of codedIssues(result.error, data)) {
    const key = issue.path.join('.');
    if (key && !out[key]) out[key] = fieldMessage(issue, t) || issue.message;
  }
  return out;
};
