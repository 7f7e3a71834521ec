// The parts of an OpenAPI 3.1 document the docs page reads.

/** A JSON schema (possibly a `$ref` into components). */
export type JsonSchema = Record<string, unknown>;

/** One operation of a path. */
export interface Operation {
  tags?: string[];
  summary?: string;
  description?: string;
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { description?: string; content?: Record<string, { schema?: JsonSchema }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

/** The document. */
export interface OpenApiDoc {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** HTTP methods in the order the page lists them. */
export const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
