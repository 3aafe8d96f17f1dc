import type { z } from 'zod';
import { ValidationError } from '../errors/index.js';

/** Parses `unknown` into a domain value or throws a ValidationError naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(what, formatIssues(result.error));
}

export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = issue.path.length > 0 ? issue.path.join('.') : '(record)';
    return `${where}: ${issue.message}`;
  });
}
