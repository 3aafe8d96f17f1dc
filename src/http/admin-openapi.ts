import { z } from 'zod';
import type { AdminRoute, HttpMethod, ResponseSpec } from './admin-route.js';

/** A route served by another part of the app under the admin API's root (the WhatsApp channel's), documented here too. */
export interface ExternalRouteDoc {
  readonly method: HttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly roles: readonly string[];
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /** When it is there, e.g. "with WHATSAPP_ENABLED=1". */
  readonly availability: string;
}

export interface OpenApiOptions {
  /** Where the routes are mounted, e.g. `/api/admin`. */
  readonly basePath: string;
  readonly version: string;
  readonly external?: readonly ExternalRouteDoc[];
}

type JsonSchema = Record<string, unknown>;

const ERRORS: Readonly<Record<number, string>> = {
  400: 'invalid request: `details.issues` names each bad field',
  401: 'no working bearer token',
  403: "the token's role (or company) may not do this",
  429: 'over the rate limit (per token, per address); see Retry-After',
  503: 'the store or Redis is unreachable for now; see Retry-After',
};

const errorSchema = z.object({
  error: z.object({
    code: z.string().meta({ description: 'stable, e.g. `loker:validation`, `loker:vacancy-not-found`' }),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).meta({ description: '`{ issues: [...] }` for validation errors; ids and states otherwise; `{}` when there is nothing to add' }),
  }),
});

/**
 * The OpenAPI 3.0 document of the admin API, generated from the routes' own zod schemas (zod 4's
 * JSON Schema output, input side for what is sent, output side for what is answered), so it always
 * describes what the routes validate.
 */
export function openApiDocument(routes: readonly AdminRoute[], options: OpenApiOptions): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const add = (method: HttpMethod, path: string, operation: JsonSchema) => {
    const key = `${options.basePath}${path.replace(/:(\w+)/g, '{$1}')}`;
    paths[key] = { ...paths[key], [method]: operation };
  };
  for (const r of routes) {
    add(r.method, r.path, {
      operationId: operationId(r.method, r.path),
      summary: r.summary,
      tags: [r.tag],
      ...(r.roles === 'public' ? { security: [] } : { 'x-roles': r.roles }),
      parameters: [...pathParameters(r.path, r.params), ...queryParameters(r.query)],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: inputSchema(r.body) } } } } : {}),
      ...(r.upload ? { requestBody: { required: true, description: r.upload.description, content: Object.fromEntries(r.upload.contentTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) } } : {}),
      responses: responses(r.responses, r.roles === 'public' ? [429, 503] : [400, 401, 403, 429, 503]),
    });
  }
  for (const r of options.external ?? []) {
    add(r.method, r.path, {
      operationId: operationId(r.method, r.path),
      summary: r.summary,
      description: `Served ${r.availability}.`,
      tags: [r.tag],
      'x-roles': r.roles,
      parameters: pathParameters(r.path, undefined),
      responses: responses(r.responses, [401, 403]),
    });
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'LokerBot admin API',
      version: options.version,
      description:
        'Office staff (`admin`, `operator`) and company HRDs (`company`, limited to their own company) manage vacancies, applicants, broadcasts, statistics and exports. Every request carries `Authorization: Bearer <token>`; `x-roles` says which roles may call an operation. Every error has the shape `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token made with `lokerbot token create` or `POST /api/admin/tokens`' } },
      schemas: { Error: outputSchema(errorSchema) },
    },
    paths,
  };
}

function operationId(method: HttpMethod, path: string): string {
  const words = path.split('/').filter(Boolean).map((part) => (part.startsWith(':') ? `by-${part.slice(1)}` : part));
  return [method, ...words].join('-').replace(/[^A-Za-z0-9]+(.)/g, (_m, c: string) => c.toUpperCase());
}

function responses(success: Readonly<Record<number, ResponseSpec>>, errors: readonly number[]): JsonSchema {
  const out: JsonSchema = {};
  for (const [status, spec] of Object.entries(success)) {
    const type = spec.contentType ?? 'application/json';
    out[status] = { description: spec.description, ...(spec.schema || type !== 'application/json' ? { content: { [type]: { schema: spec.schema ? outputSchema(spec.schema) : { type: 'string' } } } } : {}) };
  }
  for (const status of errors) out[status] = { description: ERRORS[status] ?? 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
  return out;
}

function pathParameters(path: string, schema: z.ZodType | undefined): JsonSchema[] {
  const properties = schema ? ((inputSchema(schema).properties ?? {}) as Record<string, JsonSchema>) : {};
  return [...path.matchAll(/:(\w+)/g)].map(([, name = '']) => ({ name, in: 'path', required: true, schema: properties[name] ?? { type: 'string' } }));
}

function queryParameters(schema: z.ZodType | undefined): JsonSchema[] {
  if (!schema) return [];
  const json = inputSchema(schema);
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries((json.properties ?? {}) as Record<string, JsonSchema>).map(([name, property]) => {
    const { description, ...rest } = property;
    return { name, in: 'query', required: required.has(name), ...(description ? { description } : {}), schema: rest };
  });
}

function inputSchema(schema: z.ZodType): JsonSchema {
  // A preprocess only reshapes what arrives (a query's text into lists); what it accepts is its target's.
  const accepted = schema instanceof z.ZodPipe && schema.in instanceof z.ZodTransform ? (schema.out as z.ZodType) : schema;
  return strip(z.toJSONSchema(accepted, { io: 'input', target: 'openapi-3.0', unrepresentable: 'any' }));
}

function outputSchema(schema: z.ZodType): JsonSchema {
  return strip(z.toJSONSchema(schema, { io: 'output', target: 'openapi-3.0', unrepresentable: 'any' }));
}

/** `$schema` belongs to a standalone JSON Schema document, not to one embedded in OpenAPI. */
function strip(json: Record<string, unknown>): JsonSchema {
  const { $schema: _ignored, ...rest } = json;
  return rest;
}
