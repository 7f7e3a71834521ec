import type { CheckCase, CheckFeedback } from '~/lib/client/api-types';

function show(value: unknown): string {
  return JSON.stringify(value);
}

function CaseRow({ c }: { c: CheckCase }) {
  return (
    <tr
      className={c.passed ? 'case-pass' : 'case-fail'}
      data-testid={c.visible ? 'visible-case' : 'hidden-case'}
    >
      <td className="num">{c.caseIndex}</td>
      <td>
        <span className={`badge ${c.passed ? 'pass' : 'fail'}`}>{c.passed ? 'pass' : 'fail'}</span>
      </td>
      {c.visible ? (
        <>
          <td className="mono">{show(c.input)}</td>
          <td className="mono">{show(c.expected)}</td>
          <td className="mono">{show(c.got)}</td>
          <td className="mono">{c.tolerance ?? '—'}</td>
          <td className="small">{c.message ?? ''}</td>
        </>
      ) : (
        <td colSpan={5} className="muted small">
          hidden case
        </td>
      )}
    </tr>
  );
}

/** Per-check points and per-case feedback: visible cases with their values, hidden ones pass/fail only. */
export function ChecksFeedback({ checks }: { checks: CheckFeedback[] }) {
  if (checks.length === 0) return <p className="muted">No check results.</p>;
  return (
    <div>
      {checks.map((check) => (
        <section key={check.check} className="card" data-testid="check-feedback" data-check={check.check}>
          <h3>
            {check.title}{' '}
            <span className="muted" data-testid="check-points">
              {check.points} / {check.maxPoints} points
            </span>
          </h3>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>Result</th>
                  <th>Input</th>
                  <th>Expected</th>
                  <th>Got</th>
                  <th>Tolerance</th>
                  <th>Feedback</th>
                </tr>
              </thead>
              <tbody>
                {check.cases.map((c) => (
                  <CaseRow key={c.caseIndex} c={c} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}
