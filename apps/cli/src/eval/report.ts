import type { EpisodeRecord, SplitStatistics } from '@critic/runner';

/** What `critic eval` computed, as plain data (`--json`). Per-step actions are left out. */
export interface EvalReport {
  env: string;
  seedKey: string;
  stats: SplitStatistics;
  episodes: Omit<EpisodeRecord, 'actions'>[];
}

const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** How each episode ended. */
function ending(e: Omit<EpisodeRecord, 'actions'>): string {
  if (e.terminated) return 'terminated';
  return e.truncated ? 'truncated' : 'ended';
}

/** The human summary: statistics, then a per-episode table (all rows, or the first and last few). */
export function formatEvalReport(report: EvalReport, allRows: boolean): string {
  const s = report.stats;
  const half = (s.ciHigh - s.ciLow) / 2;
  const lines = [
    `${report.env}: ${s.n} episodes on the public seeds of key ${JSON.stringify(report.seedKey)}`,
    `  mean   ${num(s.mean)} ± ${num(half)}  (95% bootstrap CI [${num(s.ciLow)}, ${num(s.ciHigh)}])`,
    `  IQM    ${num(s.iqm)}`,
    `  min    ${num(s.min)}`,
    `  max    ${num(s.max)}`,
    `  std    ${num(s.std)}`,
    '',
    `  ${'#'.padStart(4)}  ${'seed'.padStart(10)}  ${'return'.padStart(9)}  ${'length'.padStart(6)}  end`,
  ];
  const row = (e: Omit<EpisodeRecord, 'actions'>) =>
    `  ${String(e.index).padStart(4)}  ${String(e.seed).padStart(10)}  ${num(e.return).padStart(9)}  ${String(e.length).padStart(6)}  ${ending(e)}`;
  const eps = report.episodes;
  if (allRows || eps.length <= 10) {
    lines.push(...eps.map(row));
  } else {
    lines.push(...eps.slice(0, 5).map(row), `  … ${eps.length - 10} more (--all-episodes shows every row)`);
    lines.push(...eps.slice(-5).map(row));
  }
  const terminated = eps.filter((e) => e.terminated).length;
  const truncated = eps.filter((e) => !e.terminated && e.truncated).length;
  lines.push('', `  ${terminated} terminated, ${truncated} truncated by the time limit`);
  return `${lines.join('\n')}\n`;
}
