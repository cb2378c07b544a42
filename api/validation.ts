import { z } from 'zod';
import { dateOrDateTimeSchema, daySchema } from '../core/date-params.ts';

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
    // naming what the route takes saves a trip to the docs ("limit" where the route pages with pageSize)
    const accepted = acceptedKeys(schema);
    const hint = accepted.length ? `; accepted: ${accepted.join(', ')}` : '';
    throw new HttpError(400, 'unknown_parameter', `unknown parameter "${issue.keys[0]}"${hint}`, issue.keys[0]);
  }
  const parameter = issue.path.join('.') || undefined;
  throw new HttpError(400, 'invalid_parameter', parameter ? `${parameter}: ${issue.message}` : issue.message, parameter);
}

/** The keys an object schema takes, through any refinements or transforms around it (sorted). */
function acceptedKeys(schema: z.ZodTypeAny): string[] {
  if (schema instanceof z.ZodEffects) return acceptedKeys(schema.innerType());
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape as Record<string, unknown>).sort();
  return [];
}

const booleanString = z.enum(['true', 'false']).transform((value) => value === 'true');

export const query = {
  boolean: booleanString,
  /** YYYY-MM-DD or an ISO 8601 date-time. */
  date: dateOrDateTimeSchema,
  /** A calendar day, YYYY-MM-DD. */
  day: daySchema,
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
        const parts = [
          ...new Set(
            raw
              .split(',')
              .map((part) => part.trim())
              .filter(Boolean),
          ),
        ];
        const wrong = parts.find((part) => !(values as readonly string[]).includes(part));
        if (wrong !== undefined || !parts.length) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: wrong !== undefined ? `"${wrong}" is not one of ${values.join(', ')}` : 'must not be empty' });
          return z.NEVER;
        }
        return parts as T[];
      }),
};

/** `schema` refusing a `to` before its `from` (days or date-times), as a problem with `to`. */
export function orderedRange<T extends z.ZodType<{ from?: string; to?: string }, z.ZodTypeDef, unknown>>(schema: T): z.ZodEffects<T> {
  return schema.refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { message: 'must not be before "from"', path: ['to'] });
}

/** Builds the JSON error body every 4xx/5xx answer carries. */
export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}): { error: Record<string, unknown> } {
  return { error: { code, message, ...extra } };
}
