import type { Evaluation } from '~/lib/client/api-contract';
import { formatPoints, formatScore, formatTimeSeconds } from '~/lib/client/format';

/**
 * Every judging attempt of a submission (a rejudge adds one and keeps the old results): each attempt's
 * evaluations with their scores and grader version; an attempt without any failed or is still running.
 */
export function AttemptHistory({ attempts, evaluations }: { attempts: number; evaluations: Evaluation[] }) {
  const numbers = Array.from({ length: attempts }, (_, i) => attempts - i);
  return (
    <div className="table-wrap">
      <table data-testid="attempt-history">
        <thead>
          <tr>
            <th className="num">Attempt</th>
            <th>Split</th>
            <th className="num">Score</th>
            <th>Grader</th>
            <th>Graded at</th>
          </tr>
        </thead>
        <tbody>
          {numbers.flatMap((n) => {
            const evs = evaluations.filter((e) => e.attempt === n);
            if (evs.length === 0) {
              return [
                <tr key={n} data-testid="attempt-row" data-attempt={n}>
                  <td className="num">{n}</td>
                  <td colSpan={4} className="muted">
                    no results (failed, or still being graded)
                  </td>
                </tr>,
              ];
            }
            return evs.map((e) => (
              <tr key={e.id} data-testid="attempt-row" data-attempt={n}>
                <td className="num">{n}</td>
                <td>{e.split}</td>
                <td className="num">
                  {e.maxPoints != null
                    ? `${formatPoints(e.points ?? 0)} / ${formatPoints(e.maxPoints)} points`
                    : formatScore(e.mean)}
                </td>
                <td className="small">
                  <code>{e.graderVersion}</code>
                  {e.envVersion ? (
                    <span className="muted">
                      {' '}
                      · env <code>{e.envVersion}</code>
                    </span>
                  ) : null}
                </td>
                <td className="small">{formatTimeSeconds(e.createdAt)}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </div>
  );
}
