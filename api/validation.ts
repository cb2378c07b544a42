import { z } from 'zod';

/** A 4xx answer whose JSON names what was wrong; the error middleware turns it into a response. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly parameter?: string,
  ) {
    super(message);
  }
}

/** Parses `req.query` (or params/body) with a strict schema; the first problem becomes a 400 naming the parameter. */
export function parseInput<T extends z.ZodTypeAny>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue.code === 'unrecognized_keys') {
    throw new HttpError(400, 'unknown_parameter', `unknown parameter "${issue.keys[0]}"`, issue.keys[0]);
  }
  const parameter = issue.path.join('.') || undefined;
  throw new HttpError(400, 'invalid_parameter', parameter ? `${parameter}: ${issue.message}` : issue.message, parameter);
}

const booleanString = z.enum(['true', 'false']).transform((value) => value === 'true');

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/, 'use YYYY-MM-DD or an ISO 8601 date-time')
  .refine(isRealDate, 'is not a real date');

/** Date.parse rolls 2020-02-30 over to March; a real date survives the round trip. */
function isRealDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day && !Number.isNaN(Date.parse(value));
}

export const query = {
  boolean: booleanString,
  date: isoDate,
  /** Positive integer from a query string, with bounds. */
  int: (min: number, max: number) =>
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min, `must be at least ${min}`).max(max, `must be at most ${max}`)),
  text: (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`),
  /** Comma-separated values from a fixed set ("status=new,in_review"); errors name the parameter itself. */
  list: <T extends string>(values: readonly [T, ...T[]]) =>
    z
      .string()
      .describe(`comma-separated, any of: ${values.join(', ')}`)
      .transform((raw, ctx) => {
        const parts = [...new Set(raw.split(',').map((part) => part.trim()).filter(Boolean))];
        const wrong = parts.find((part) => !(values as readonly string[]).includes(part));
        if (wrong !== undefined || !parts.length) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: wrong !== undefined ? `"${wrong}" is not one of ${values.join(', ')}` : 'must not be empty' });
          return z.NEVER;
        }
        return parts as T[];
      }),
};

/** Builds the JSON error body every 4xx/5xx answer carries. */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code, message, ...extra } };
}
