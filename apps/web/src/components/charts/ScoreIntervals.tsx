import { extentOf, linearScale } from '~/lib/charts/scale';
import { formatValue, niceTicks } from '~/lib/charts/ticks';
import { px, XAxis } from './Axes';
import { type ChartSizeProps, ChartSvg } from './ChartSvg';

/** One leaderboard row: a mean score and its 95% confidence interval. */
export interface ScoreIntervalRow {
  /** Stable React key (team or submission id). */
  key: string;
  /** Shown at the left of the row (team name, baseline label). */
  label: string;
  /** Mean score. */
  mean: number;
  /** Lower end of the 95% CI. */
  ciLow: number;
  /** Upper end of the 95% CI. */
  ciHigh: number;
  /** The viewer's own team: drawn emphasised. */
  highlight?: boolean;
  /** A course baseline rather than a team: drawn grey and dashed. */
  baseline?: boolean;
}

/** Props of ScoreIntervals. */
export interface ScoreIntervalsProps extends Omit<ChartSizeProps, 'height'> {
  /** Rows in leaderboard order; the first is the leader. */
  rows: readonly ScoreIntervalRow[];
  /** Axis title (default "mean return"). */
  xLabel?: string;
}

const MARGIN = { top: 10, right: 64, bottom: 46, left: 150 };
const ROW_H = 24;
const MAX_LABEL = 20;

/**
 * Each leaderboard row's mean as a dot on its 95% CI; the leader's interval is shaded across every
 * row, so rows whose interval reaches into the band (marked data-tie) are statistically tied with it.
 * Width 640 by default; the height grows with the rows.
 */
export function ScoreIntervals({
  rows,
  xLabel = 'mean return',
  title = 'Scores with 95% confidence intervals',
  width = 640,
}: ScoreIntervalsProps) {
  const height = MARGIN.top + Math.max(1, rows.length) * ROW_H + MARGIN.bottom;
  const extent = extentOf(rows.flatMap((r) => [r.mean, r.ciLow, r.ciHigh]));
  const leader = rows[0];
  const ties = leader ? rows.slice(1).filter((r) => overlaps(r, leader)) : [];
  const description = leader
    ? `${rows.length} rows. Leader ${leader.label}: ${formatValue(leader.mean)} [${formatValue(leader.ciLow)}, ${formatValue(leader.ciHigh)}]. ${ties.length} other row${ties.length === 1 ? '' : 's'} overlap${ties.length === 1 ? 's' : ''} the leader's interval${ties.length ? `: ${ties.map((r) => r.label).join(', ')}` : ''}.`
    : 'No scores yet.';
  const svg = { width, height, title, description, testId: 'score-intervals' };
  if (!leader || !extent) {
    return <ChartSvg {...svg} emptyMessage="No scores yet" />;
  }
  const xt = niceTicks(extent[0], extent[1], 6);
  const x = linearScale([xt.niceMin, xt.niceMax], [MARGIN.left, width - MARGIN.right]);
  const plotBottom = height - MARGIN.bottom;
  return (
    <ChartSvg {...svg}>
      <rect
        data-testid="leader-band"
        x={px(x(leader.ciLow))}
        y={MARGIN.top}
        width={Math.max(1, px(px(x(leader.ciHigh)) - px(x(leader.ciLow))))}
        height={plotBottom - MARGIN.top}
        fill="#f1c40f"
        fillOpacity={0.18}
      />
      <XAxis scale={x} ticks={xt} y={plotBottom} label={xLabel} gridTop={MARGIN.top} />
      {rows.map((r, i) => {
        const cy = MARGIN.top + i * ROW_H + ROW_H / 2;
        const color = r.baseline ? '#7f8c8d' : r.highlight ? '#d62728' : '#1f77b4';
        const tie = i > 0 && overlaps(r, leader);
        return (
          <g
            key={r.key}
            data-testid="interval-row"
            data-tie={tie ? 'true' : undefined}
            data-highlight={r.highlight ? 'true' : undefined}
            fontSize={12}
          >
            <title>{`${r.label}: ${formatValue(r.mean)} (95% CI ${formatValue(r.ciLow)} to ${formatValue(r.ciHigh)})${tie ? ', tied with the leader' : ''}`}</title>
            <text
              x={MARGIN.left - 8}
              y={cy}
              dy="0.32em"
              textAnchor="end"
              fill="currentColor"
              fontWeight={r.highlight ? 700 : 400}
              fontStyle={r.baseline ? 'italic' : undefined}
            >
              {truncate(r.label)}
            </text>
            <line
              data-testid="interval-line"
              x1={px(x(r.ciLow))}
              x2={px(x(r.ciHigh))}
              y1={cy}
              y2={cy}
              stroke={color}
              strokeWidth={2}
              strokeDasharray={r.baseline ? '4 3' : undefined}
            />
            {(
              [
                ['low', r.ciLow],
                ['high', r.ciHigh],
              ] as const
            ).map(([end, v]) => (
              <line
                key={end}
                x1={px(x(v))}
                x2={px(x(v))}
                y1={cy - 5}
                y2={cy + 5}
                stroke={color}
                strokeWidth={2}
              />
            ))}
            <circle data-testid="interval-mean" cx={px(x(r.mean))} cy={cy} r={4} fill={color} />
            <text x={width - MARGIN.right + 8} y={cy} dy="0.32em" fill="currentColor">
              {formatValue(r.mean)}
            </text>
          </g>
        );
      })}
    </ChartSvg>
  );
}

/** Whether two confidence intervals share any value. */
export function overlaps(
  a: Pick<ScoreIntervalRow, 'ciLow' | 'ciHigh'>,
  b: Pick<ScoreIntervalRow, 'ciLow' | 'ciHigh'>,
): boolean {
  return a.ciLow <= b.ciHigh && b.ciLow <= a.ciHigh;
}

function truncate(label: string): string {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}
