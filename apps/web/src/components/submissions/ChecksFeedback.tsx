import type { CheckCase, CheckFeedback } from '~/lib/client/api-contract';
import { formatPoints } from '~/lib/client/format';
import { CaseArguments, ExpectedGot } from './CaseValues';

function CaseDetails({ c, argNames }: { c: CheckCase; argNames: readonly string[] }) {
  return (
    <dl className="facts case-values">
      <dt>Input</dt>
      <dd>
        <CaseArguments input={c.input} argNames={argNames} />
      </dd>
      <ExpectedGot expected={c.expected} got={c.got} tolerance={c.tolerance} />
      {c.tolerance != null && (
        <>
          <dt>Tolerance</dt>
          <dd className="mono">{c.tolerance}</dd>
        </>
      )}
      {c.message && (
        <>
          <dt>Feedback</dt>
          <dd>{c.message}</dd>
        </>
      )}
    </dl>
  );
}

function CaseRow({ c, argNames }: { c: CheckCase; argNames: readonly string[] }) {
  return (
    <tr
      className={c.passed ? 'case-pass' : 'case-fail'}
      data-testid={c.visible ? 'visible-case' : 'hidden-case'}
    >
      <td className="num">{c.caseIndex}</td>
      <td>
        <span className={`badge ${c.passed ? 'pass' : 'fail'}`}>{c.passed ? 'pass' : 'fail'}</span>
      </td>
      <td>
        {c.visible ? (
          <CaseDetails c={c} argNames={argNames} />
        ) : (
          <span className="muted small">hidden case</span>
        )}
      </td>
    </tr>
  );
}

/** Failing cases first (visible before hidden), then passing ones, each in case order. */
function caseOrder(a: CheckCase, b: CheckCase): number {
  return (
    Number(a.passed) - Number(b.passed) || Number(b.visible) - Number(a.visible) || a.caseIndex - b.caseIndex
  );
}

/**
 * Per-check points and per-case feedback: visible cases with their named arguments and the differing
 * elements marked, hidden ones pass/fail only. Checks that lost points come first and open; fully
 * passed ones are collapsed below them.
 */
export function ChecksFeedback({ checks }: { checks: CheckFeedback[] }) {
  if (checks.length === 0) return <p className="muted">No check results.</p>;
  const failing = (c: CheckFeedback) => c.points < c.maxPoints;
  const ordered = [...checks.filter(failing), ...checks.filter((c) => !failing(c))];
  return (
    <div>
      {ordered.map((check) => (
        <details
          key={check.check}
          className="card check-feedback"
          open={failing(check)}
          data-testid="check-feedback"
          data-check={check.check}
          data-passed={!failing(check)}
        >
          <summary>
            <strong>{check.title}</strong>{' '}
            <span className={failing(check) ? 'error' : 'muted'} data-testid="check-points">
              {formatPoints(check.points)} / {formatPoints(check.maxPoints)} points
            </span>
            {!failing(check) && <span className="muted small"> · every case passed</span>}
          </summary>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th className="num">Case</th>
                  <th>Result</th>
                  <th>Details</th>
                </tr>
              </thead>
              <tbody>
                {[...check.cases].sort(caseOrder).map((c) => (
                  <CaseRow key={c.caseIndex} c={c} argNames={check.argNames ?? []} />
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ))}
    </div>
  );
}
