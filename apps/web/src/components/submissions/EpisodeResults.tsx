'use client';
import { isPythonEnvId } from '@critic/envs';
import { useEffect, useState } from 'react';
import { ReturnDistribution } from '~/components/charts/ReturnDistribution';
import { CustomEnvReplay } from '~/components/replay/CustomEnvReplay';
import { PythonReplay } from '~/components/replay/PythonReplay';
import { ReplayPlayer } from '~/components/replay/ReplayPlayer';
import { DataTable } from '~/components/tables/DataTable';
import { api, apiSend } from '~/lib/client/api-client';
import type { EpisodeRow, Evaluation, Trajectory } from '~/lib/client/api-contract';
import { formatMeanCi, formatScore } from '~/lib/client/format';

/**
 * One split's results: summary with the 95% CI, the return distribution, the per-episode table, and a
 * replay of the chosen episode (the link's, else the first recorded one when `autoReplay`).
 */
export function EpisodeResults({
  evaluation,
  episodes,
  initialEpisode,
  autoReplay,
}: {
  evaluation: Evaluation;
  episodes: EpisodeRow[];
  /** Episode to replay first (from a leaderboard link). */
  initialEpisode?: number | undefined;
  /** Replay the first recorded episode without waiting for a click. */
  autoReplay: boolean;
}) {
  const replayable = episodes.filter((e) => e.hasTrajectory);
  const [chosen, setChosen] = useState<number | null>(
    initialEpisode ?? (autoReplay ? (replayable[0]?.index ?? null) : null),
  );
  const [trajectory, setTrajectory] = useState<Trajectory | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (chosen === null) return;
    setTrajectory(null);
    setError(null);
    const param = { evaluationId: evaluation.id, index: String(chosen) };
    apiSend(api.evaluations[':evaluationId'].episodes[':index'].trajectory.$get({ param })).then(
      setTrajectory,
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [evaluation.id, chosen]);
  return (
    <div>
      <p data-testid={`summary-${evaluation.split}`}>
        Mean return <strong>{formatMeanCi(evaluation.mean, evaluation.ciLow, evaluation.ciHigh)}</strong> (95%
        CI {formatScore(evaluation.ciLow)} … {formatScore(evaluation.ciHigh)}) · IQM{' '}
        {formatScore(evaluation.iqm)} · std {formatScore(evaluation.std)} · min {formatScore(evaluation.min)}{' '}
        · max {formatScore(evaluation.max)} · n = {evaluation.n}
      </p>
      <ReturnDistribution
        returns={episodes.map((e) => e.return)}
        mean={evaluation.mean}
        ciLow={evaluation.ciLow}
        ciHigh={evaluation.ciHigh}
        title={`${evaluation.split} episode returns`}
      />
      <DataTable
        rows={episodes}
        columns={[
          { header: '#', className: 'num', cell: (e) => e.index },
          { header: 'Seed', className: 'num', cell: (e) => e.seed },
          { header: 'Return', className: 'num', cell: (e) => formatScore(e.return) },
          { header: 'Length', className: 'num', cell: (e) => e.length },
          { header: 'End', cell: (e) => (e.terminated ? 'terminated' : e.truncated ? 'truncated' : '—') },
          {
            header: 'Replay',
            cell: (e) =>
              e.hasTrajectory && (
                <button type="button" className="secondary" onClick={() => setChosen(e.index)}>
                  Watch episode {e.index}
                </button>
              ),
          },
        ]}
        rowKey={(e) => e.index}
        rowProps={(e) => ({ className: e.index === chosen ? 'viewer-team' : undefined })}
        testId="episodes-table"
        wrapStyle={{ maxHeight: '20rem', overflowY: 'auto' }}
      />
      {error && <p className="error">{error}</p>}
      {trajectory && (
        <div data-testid="replay" style={{ marginTop: '1rem' }}>
          <h3>
            Replay of episode {chosen} (seed {trajectory.seed})
          </h3>
          {isPythonEnvId(trajectory.env) ? (
            <PythonReplay
              key={`${evaluation.id}:${chosen}`}
              evaluationId={evaluation.id}
              index={chosen ?? 0}
              envId={trajectory.env}
            />
          ) : trajectory.env.startsWith('custom/') ? (
            <CustomEnvReplay
              key={`${evaluation.id}:${chosen}`}
              evaluationId={evaluation.id}
              index={chosen ?? 0}
              envId={trajectory.env}
              seed={trajectory.seed}
            />
          ) : (
            <ReplayPlayer
              key={`${evaluation.id}:${chosen}`}
              envId={trajectory.env}
              seed={trajectory.seed}
              actions={trajectory.actions}
            />
          )}
        </div>
      )}
    </div>
  );
}
