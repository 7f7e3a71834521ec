import type { ReactNode } from 'react';
import type { JsonSchema } from './openapi-types';

const asSchema = (v: unknown): JsonSchema | undefined =>
  typeof v === 'object' && v !== null ? (v as JsonSchema) : undefined;

/** A schema's type in one line: `string (uuid)`, `Team[]`, `'public' | 'private'`, a link for a `$ref`. */
export function TypeLabel({ schema }: { schema: JsonSchema | undefined }): ReactNode {
  if (schema === undefined) return <code>any</code>;
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() ?? schema.$ref;
    return (
      <a href={`#schema-${name}`}>
        <code>{name}</code>
      </a>
    );
  }
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (Array.isArray(union)) return joined(union.map((s) => <TypeLabel key={JSON.stringify(s)} schema={s} />));
  if (Array.isArray(schema.enum)) return <code>{schema.enum.map((v) => JSON.stringify(v)).join(' | ')}</code>;
  if ('const' in schema) return <code>{JSON.stringify(schema.const)}</code>;
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : [String(schema.type ?? 'object')];
  return joined(
    types.map((t) =>
      t === 'array' ? (
        <span key={t}>
          <TypeLabel schema={asSchema(schema.items)} />
          []
        </span>
      ) : (
        <code key={t}>
          {t}
          {typeof schema.format === 'string' && t !== 'null' ? ` (${schema.format})` : ''}
        </code>
      ),
    ),
  );
}

function joined(parts: ReactNode[]): ReactNode {
  return parts.flatMap((p, i) => (i === 0 ? [p] : [' | ', p]));
}

/** A schema: an object's properties as a table (name, type, required, description), else its type. */
export function SchemaView({ schema }: { schema: JsonSchema | undefined }) {
  const properties = asSchema(schema?.properties);
  if (schema === undefined || properties === undefined) return <TypeLabel schema={schema} />;
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return (
    <table className="small">
      <tbody>
        {Object.entries(properties).map(([name, prop]) => (
          <tr key={name}>
            <td>
              <code>{name}</code>
              {required.has(name) ? '' : '?'}
            </td>
            <td>
              <TypeLabel schema={asSchema(prop)} />
            </td>
            <td className="muted">{String(asSchema(prop)?.description ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
