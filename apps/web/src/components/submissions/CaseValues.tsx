import { differingIndices, formatCaseValue } from '~/lib/client/case-values';

/** The arguments of a case, one `name = value` line each (names from the function's signature). */
export function CaseArguments({ input, argNames }: { input: unknown; argNames: readonly string[] }) {
  if (!Array.isArray(input)) return <span className="mono">{formatCaseValue(input)}</span>;
  return (
    <ul className="case-args" data-testid="case-args">
      {input.map((value, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: arguments are positional
        <li key={i} className="mono">
          <span className="arg-name">{argNames[i] ?? `arg${i}`}</span> = {formatCaseValue(value)}
        </li>
      ))}
    </ul>
  );
}

/**
 * An array answer with each element that differs from the other side marked (`marked` holds their
 * indices); any other value as one line.
 */
export function MarkedValue({ value, marked }: { value: unknown; marked: ReadonlySet<number> | undefined }) {
  if (!Array.isArray(value) || marked === undefined) {
    return <span className="mono">{formatCaseValue(value)}</span>;
  }
  return (
    <span className="mono">
      [
      {value.map((v, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: elements are positional
        <span key={i}>
          {i > 0 && ', '}
          {marked.has(i) ? (
            <mark className="diff" data-testid="diff-element" title={`element ${i} differs`}>
              {formatCaseValue(v)}
            </mark>
          ) : (
            formatCaseValue(v)
          )}
        </span>
      ))}
      ]
    </span>
  );
}

/** Expected and got of a case, the differing elements marked on both. */
export function ExpectedGot({
  expected,
  got,
  tolerance,
}: {
  expected: unknown;
  got: unknown;
  tolerance: number | null | undefined;
}) {
  const marked = differingIndices(expected, got, tolerance);
  return (
    <>
      <dt>Expected</dt>
      <dd>
        <MarkedValue value={expected} marked={marked} />
      </dd>
      <dt>Got</dt>
      <dd>
        <MarkedValue value={got} marked={marked} />
        {marked !== undefined && marked.size > 0 && (
          <span className="muted small">
            {' '}
            ({marked.size} of {Array.isArray(expected) ? expected.length : 0} elements differ)
          </span>
        )}
      </dd>
    </>
  );
}
