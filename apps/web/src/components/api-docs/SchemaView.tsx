import type { JsonSchema } from './openapi-types';

/** A schema as indented JSON, with `$ref`s turned into links to the schema section. */
export function SchemaView({ schema }: { schema: JsonSchema | undefined }) {
  if (schema === undefined) return null;
  const ref = schema.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? ref;
    return (
      <a href={`#schema-${name}`}>
        <code>{name}</code>
      </a>
    );
  }
  return <pre className="mono small">{JSON.stringify(schema, null, 2)}</pre>;
}
