import { OperationView } from '~/components/api-docs/OperationView';
import { METHODS, type OpenApiDoc, type Operation } from '~/components/api-docs/openapi-types';
import { SchemaView } from '~/components/api-docs/SchemaView';
import { apiDocument } from '~/lib/server-api';

/** Operations grouped by their first tag, in path order. */
function byTag(doc: OpenApiDoc): Map<string, { method: string; path: string; op: Operation }[]> {
  const groups = new Map<string, { method: string; path: string; op: Operation }[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (op === undefined) continue;
      const tag = op.tags?.[0] ?? 'other';
      groups.set(tag, [...(groups.get(tag) ?? []), { method, path, op }]);
    }
  }
  return groups;
}

export default async function ApiDocsPage() {
  // The document's standard OpenAPI shape, of which the page reads the parts OpenApiDoc names.
  const doc = (await apiDocument()) as OpenApiDoc;
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return (
    <main>
      <h1>
        {doc.info.title} <span className="muted small">v{doc.info.version}</span>
      </h1>
      {doc.info.description && <p>{doc.info.description}</p>}
      <p className="muted small">
        JSON over HTTPS under <code>/api</code>. Authenticate with the session cookie (the site) or{' '}
        <code>Authorization: Bearer &lt;API token&gt;</code> (Settings → API tokens). Errors are{' '}
        <code>{'{ "error": { "code", "message", "field?" } }'}</code>. The machine-readable document:{' '}
        <a href="/api/openapi.json">/api/openapi.json</a>.
      </p>
      {[...byTag(doc)].map(([tag, ops]) => (
        <section key={tag}>
          <h2>{tag}</h2>
          {ops.map((o) => (
            <OperationView key={`${o.method} ${o.path}`} {...o} />
          ))}
        </section>
      ))}
      {schemas.length > 0 && (
        <section>
          <h2>Schemas</h2>
          {schemas.map(([name, schema]) => (
            <details key={name} id={`schema-${name}`} className="card">
              <summary>
                <code>{name}</code>
              </summary>
              <SchemaView schema={schema} />
            </details>
          ))}
        </section>
      )}
    </main>
  );
}
