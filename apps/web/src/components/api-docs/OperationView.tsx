import type { Operation } from './openapi-types';
import { SchemaView } from './SchemaView';

/** One operation: method and path (the document's paths already start with /api), summary, parameters, request body and responses. */
export function OperationView({ method, path, op }: { method: string; path: string; op: Operation }) {
  return (
    <details className="card" data-testid="api-operation">
      <summary>
        <code>
          <strong>{method.toUpperCase()}</strong> <span data-testid="api-path">{path}</span>
        </code>{' '}
        <span className="muted">{op.summary}</span>
      </summary>
      {op.description && <p>{op.description}</p>}
      {op.parameters && op.parameters.length > 0 && (
        <>
          <h4>Parameters</h4>
          <ul>
            {op.parameters.map((p) => (
              <li key={`${p.in}:${p.name}`}>
                <code>{p.name}</code> ({p.in}
                {p.required ? ', required' : ''}) {p.description}
              </li>
            ))}
          </ul>
        </>
      )}
      {op.requestBody?.content && (
        <>
          <h4>Request body</h4>
          {Object.entries(op.requestBody.content).map(([type, c]) => (
            <div key={type}>
              <span className="muted small">{type}</span> <SchemaView schema={c.schema} />
            </div>
          ))}
        </>
      )}
      <h4>Responses</h4>
      <ul>
        {Object.entries(op.responses ?? {}).map(([status, r]) => (
          <li key={status}>
            <code>{status}</code> {r.description}{' '}
            {r.content &&
              Object.entries(r.content).map(([type, c]) => (
                <span key={type}>
                  <span className="muted small">{type}</span> <SchemaView schema={c.schema} />
                </span>
              ))}
          </li>
        ))}
      </ul>
    </details>
  );
}
