import { z } from 'zod';
import type { AnyRoute } from './route.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './auth.ts';

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schema (as OpenAPI 3.1 uses it) for a zod schema: the same schemas that validate the
 * requests. `input` describes what a client sends (before transforms), `output` what it gets.
 */
export function jsonSchema(schema: z.ZodTypeAny, mode: 'input' | 'output' = 'input'): JsonSchema {
  const result = convert(schema, mode);
  if (schema.description && !result.description) result.description = schema.description;
  return result;
}

function convert(schema: z.ZodTypeAny, mode: 'input' | 'output'): JsonSchema {
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind } & Record<string, any>;
  const describe = (inner: JsonSchema): JsonSchema => (schema.description ? { ...inner, description: schema.description } : inner);
  switch (def.typeName) {
    case z.ZodFirstPartyTypeKind.ZodString: {
      const out: JsonSchema = { type: 'string' };
      for (const check of def.checks as Array<{ kind: string; value?: unknown; regex?: RegExp }>) {
        if (check.kind === 'min') out.minLength = check.value;
        else if (check.kind === 'max') out.maxLength = check.value;
        else if (check.kind === 'length') out.minLength = out.maxLength = check.value;
        else if (check.kind === 'regex') out.pattern = check.regex!.source;
        else if (check.kind === 'email') out.format = 'email';
        else if (check.kind === 'url') out.format = 'uri';
        else if (check.kind === 'datetime') out.format = 'date-time';
      }
      return describe(out);
    }
    case z.ZodFirstPartyTypeKind.ZodNumber: {
      const checks = def.checks as Array<{ kind: string; value?: number; inclusive?: boolean }>;
      const out: JsonSchema = { type: checks.some((c) => c.kind === 'int') ? 'integer' : 'number' };
      for (const check of checks) {
        if (check.kind === 'min') out[check.inclusive ? 'minimum' : 'exclusiveMinimum'] = check.value;
        if (check.kind === 'max') out[check.inclusive ? 'maximum' : 'exclusiveMaximum'] = check.value;
      }
      return describe(out);
    }
    case z.ZodFirstPartyTypeKind.ZodBoolean:
      return describe({ type: 'boolean' });
    case z.ZodFirstPartyTypeKind.ZodNull:
      return describe({ type: 'null' });
    case z.ZodFirstPartyTypeKind.ZodLiteral:
      return describe({ const: def.value });
    case z.ZodFirstPartyTypeKind.ZodEnum:
      return describe({ type: 'string', enum: [...def.values] });
    case z.ZodFirstPartyTypeKind.ZodArray: {
      const out: JsonSchema = { type: 'array', items: jsonSchema(def.type, mode) };
      if (def.minLength) out.minItems = def.minLength.value;
      if (def.maxLength) out.maxItems = def.maxLength.value;
      return describe(out);
    }
    case z.ZodFirstPartyTypeKind.ZodObject: {
      const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        properties[key] = jsonSchema(value, mode);
        const optional = mode === 'input' ? value.isOptional() : value.isOptional() && !hasDefault(value);
        if (!optional) required.push(key);
      }
      const out: JsonSchema = { type: 'object', properties };
      if (required.length) out.required = required;
      if (def.unknownKeys === 'strict') out.additionalProperties = false;
      return describe(out);
    }
    case z.ZodFirstPartyTypeKind.ZodRecord:
      return describe({ type: 'object', additionalProperties: jsonSchema(def.valueType, mode) });
    case z.ZodFirstPartyTypeKind.ZodOptional:
      return describe(jsonSchema(def.innerType, mode));
    case z.ZodFirstPartyTypeKind.ZodNullable:
      return describe({ anyOf: [jsonSchema(def.innerType, mode), { type: 'null' }] });
    case z.ZodFirstPartyTypeKind.ZodDefault:
      return describe({ ...jsonSchema(def.innerType, mode), default: def.defaultValue() });
    case z.ZodFirstPartyTypeKind.ZodEffects:
      return describe(jsonSchema(def.schema, mode));
    case z.ZodFirstPartyTypeKind.ZodPipeline:
      return describe(jsonSchema(mode === 'input' ? def.in : def.out, mode));
    case z.ZodFirstPartyTypeKind.ZodUnion:
      return describe({ anyOf: (def.options as z.ZodTypeAny[]).map((option) => jsonSchema(option, mode)) });
    case z.ZodFirstPartyTypeKind.ZodDiscriminatedUnion:
      return describe({ oneOf: [...(def.options as z.ZodTypeAny[])].map((option) => jsonSchema(option, mode)) });
    case z.ZodFirstPartyTypeKind.ZodBranded:
    case z.ZodFirstPartyTypeKind.ZodReadonly:
    case z.ZodFirstPartyTypeKind.ZodCatch:
      return describe(jsonSchema(def.type ?? def.innerType, mode));
    default:
      return describe({});
  }
}

function hasDefault(schema: z.ZodTypeAny): boolean {
  const def = schema._def as { typeName: string; innerType?: z.ZodTypeAny };
  if (def.typeName === z.ZodFirstPartyTypeKind.ZodDefault) return true;
  return def.innerType ? hasDefault(def.innerType) : false;
}

/** The object schema behind refinements, to list its keys as parameters. */
function objectOf(schema: z.ZodTypeAny): z.AnyZodObject | null {
  let current: z.ZodTypeAny = schema;
  while (current._def.typeName === z.ZodFirstPartyTypeKind.ZodEffects) current = current._def.schema;
  return current._def.typeName === z.ZodFirstPartyTypeKind.ZodObject ? (current as z.AnyZodObject) : null;
}

function parameters(schema: z.ZodTypeAny | undefined, where: 'path' | 'query'): JsonSchema[] {
  const object = schema && objectOf(schema);
  if (!object) return [];
  return Object.entries(object.shape as Record<string, z.ZodTypeAny>).map(([name, value]) => {
    const described = jsonSchema(value, 'input');
    const { description, ...rest } = described;
    return {
      name,
      in: where,
      required: where === 'path' || !value.isOptional(),
      schema: rest,
      ...(description ? { description } : {}),
    };
  });
}

export const errorSchema = z.object({
  error: z.object({
    code: z
      .string()
      .describe(
        'machine-readable: invalid_parameter, unauthenticated, forbidden, csrf_failed, not_found, version_conflict, invalid_transition, rate_limited, ...',
      ),
    message: z.string(),
    parameter: z.string().optional().describe('the request field or query parameter at fault'),
    current: z.record(z.unknown()).optional().describe('on 409: the current state, to reload from'),
  }),
});

const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** The OpenAPI 3.1 document of the API, generated from the route specs and their zod schemas. */
export function buildOpenApi(routes: AnyRoute[], info: { version: string } = { version: '0.1.0' }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  for (const route of routes) {
    const responses: Record<string, JsonSchema> = {};
    for (const [status, doc] of Object.entries(route.responses ?? { [route.status ?? 200]: { description: 'OK' } })) {
      responses[status] = doc.schema
        ? { description: doc.description, content: { [doc.contentType ?? 'application/json']: { schema: jsonSchema(doc.schema, 'output') } } }
        : doc.contentType
          ? { description: doc.description, content: { [doc.contentType]: { schema: { type: 'string' } } } }
          : { description: doc.description };
    }
    if (route.params || route.query || route.body) responses['400'] ??= errorResponse('invalid input; `parameter` names the field');
    if (route.access !== 'public') {
      responses['401'] ??= errorResponse('not signed in, or the token/session is invalid');
      responses['403'] ??= errorResponse('role not allowed, missing CSRF token, or password change pending');
    }
    responses['429'] ??= errorResponse('rate limit exceeded (see Retry-After)');
    const operation: JsonSchema = {
      operationId: `${route.method}${route.path.replace(/^\/api/, '').replace(/[/:-](\w)/g, (_m, c: string) => c.toUpperCase())}`,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: [route.tag],
      parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
      responses,
      security: route.access === 'public' ? [] : [{ sessionCookie: [], csrfToken: [] }, { bearerToken: [] }],
      'x-roles': route.access === 'public' ? 'public' : [...route.access],
    };
    if (route.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(route.body, 'input') } } };
    (paths[openApiPath(route.path)] ??= {})[route.method] = operation;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'mediawatch API',
      version: info.version,
      description:
        'Flagged items, review workflow, responses and audit. Sign in with POST /api/auth/login (session cookie; send the ' +
        `returned csrfToken as ${CSRF_HEADER} on state-changing requests) or send "Authorization: Bearer <token>". ` +
        'x-roles lists the roles allowed on each operation.',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(errorSchema, 'output') },
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        csrfToken: { type: 'apiKey', in: 'header', name: CSRF_HEADER },
        bearerToken: { type: 'http', scheme: 'bearer', description: 'API token (mw_...) from POST /api/tokens or `mediawatch users token`' },
      },
    },
  };
}
