import { evenIndices } from '~/lib/charts/even-indices';
import { extentOf, linearScale } from '~/lib/charts/scale';
import { emaSmooth } from '~/lib/charts/smoothing';
import { formatValue, niceTicks } from '~/lib/charts/ticks';
import { px, XAxis, YAxis } from './Axes';
import { type ChartSizeProps, ChartSvg } from './ChartSvg';

/** One point of a learning curve (as `critic train` uploads it). */
export interface LearningCurvePoint {
  /** Environment steps so far. */
  step: number;
  /** Return of the episode that ended at this step. */
  return: number;
}

/** Props of LearningCurve. */
export interface LearningCurveProps extends ChartSizeProps {
  /** The curve's points, in any order. */
  points: readonly LearningCurvePoint[];
  /** EMA weight in [0, 1) for the smoothed line (default 0.6; 0 draws only the raw line). */
  smoothing?: number;
  /** The env's reward threshold, drawn as a dashed line when given. */
  threshold?: number | null;
}

const MARGIN = { top: 16, right: 16, bottom: 46, left: 60 };
/** Points drawn per line at most; longer curves are thinned evenly (smoothing uses every point). */
const MAX_DRAWN = 1500;

/** Episode return against environment steps: the raw returns faintly, their smoothed trend on top (560×260 by default). */
export function LearningCurve({
  points,
  smoothing = 0.6,
  threshold,
  title = 'Learning curve',
  width = 560,
  height = 260,
}: LearningCurveProps) {
  const sorted = points
    .filter((p) => Number.isFinite(p.step) && Number.isFinite(p.return))
    .sort((a, b) => a.step - b.step);
  const steps = sorted.map((p) => p.step);
  const returns = sorted.map((p) => p.return);
  const smoothed = smoothing > 0 ? emaSmooth(returns, smoothing) : null;
  const xExtent = extentOf(steps);
  const yExtent = extentOf(returns, threshold == null ? [] : [threshold]);
  const frame = { width, height, title, testId: 'learning-curve' };
  if (!xExtent || !yExtent) {
    return (
      <ChartSvg {...frame} description="No learning curve points to show." emptyMessage="No learning curve" />
    );
  }
  const last = smoothed?.at(-1) ?? returns.at(-1)!;
  const description = `${sorted.length} points from step ${formatValue(xExtent[0])} to ${formatValue(xExtent[1])}; returns between ${formatValue(yExtent[0])} and ${formatValue(yExtent[1])}; ${smoothed ? 'smoothed' : 'last'} return at the end ${formatValue(last)}.`;
  const xt = niceTicks(xExtent[0], xExtent[1], 6);
  const yt = niceTicks(yExtent[0], yExtent[1], 6);
  const x = linearScale([xt.niceMin, xt.niceMax], [MARGIN.left, width - MARGIN.right]);
  const y = linearScale([yt.niceMin, yt.niceMax], [height - MARGIN.bottom, MARGIN.top]);
  const drawn = evenIndices(sorted.length, MAX_DRAWN);
  const path = (ys: readonly number[]) =>
    drawn.map((i, k) => `${k === 0 ? 'M' : 'L'}${px(x(steps[i]!))} ${px(y(ys[i]!))}`).join('');
  return (
    <ChartSvg {...frame} description={description}>
      <YAxis scale={y} ticks={yt} x={MARGIN.left} label="episode return" gridRight={width - MARGIN.right} />
      {threshold != null && (
        <line
          data-testid="threshold-line"
          x1={MARGIN.left}
          x2={width - MARGIN.right}
          y1={px(y(threshold))}
          y2={px(y(threshold))}
          stroke="#2ca02c"
          strokeWidth={1.5}
          strokeDasharray="5 4"
        />
      )}
      {sorted.length === 1 ? (
        <circle data-testid="curve-raw" cx={px(x(steps[0]!))} cy={px(y(returns[0]!))} r={3} fill="#1f77b4" />
      ) : (
        <path
          data-testid="curve-raw"
          d={path(returns)}
          fill="none"
          stroke="#1f77b4"
          strokeOpacity={smoothed ? 0.3 : 1}
          strokeWidth={1}
        />
      )}
      {smoothed && sorted.length > 1 && (
        <path data-testid="curve-smoothed" d={path(smoothed)} fill="none" stroke="#1f77b4" strokeWidth={2} />
      )}
      <XAxis scale={x} ticks={xt} y={height - MARGIN.bottom} label="environment steps" />
    </ChartSvg>
  );
}
