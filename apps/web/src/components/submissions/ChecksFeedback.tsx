import type { CheckCase, CheckFeedback } from '~/lib/client/api-types';
import { formatPoints } from '~/lib/client/format';

function CaseDetails({ c }: { c: CheckCase }) {
  return (
    <dl className="facts case-values">
      <dt>Input</dt>
      <dd className="mono">{JSON.stringify(c.input)}</dd>
      <dt>Expected</dt>
      <dd className="mono">{JSON.stringify(c.expected)}</dd>
      <dt>Got</dt>
      <dd className="mono">{JSON.stringify(c.got)}</dd>
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
      <td>{c.visible ? <CaseDetails c={c} /> : <span className="muted small">hidden case</span>}</td>
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
              {formatPoints(check.points)} / {formatPoints(check.maxPoints)} points
            </span>
          </h3>
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
