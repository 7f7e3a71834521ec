import { stackDots } from '~/lib/charts/dot-stack';
import { histogram } from '~/lib/charts/histogram';
import { extentOf, linearScale } from '~/lib/charts/scale';
import { formatValue, niceTicks } from '~/lib/charts/ticks';
import { px, XAxis, YAxis } from './Axes';
import { type ChartSizeProps, ChartSvg } from './ChartSvg';

/** Props of ReturnDistribution: the episodes' returns and the evaluation's summary (an API `Stat`'s fields). */
export interface ReturnDistributionProps extends ChartSizeProps {
  /** Undiscounted return of every evaluated episode. */
  returns: readonly number[];
  /** Mean return (Stat.mean). */
  mean: number;
  /** Lower end of the 95% confidence interval of the mean (Stat.ciLow). */
  ciLow: number;
  /** Upper end of the 95% confidence interval of the mean (Stat.ciHigh). */
  ciHigh: number;
  /** The env's reward threshold, drawn as a dashed line when given. */
  threshold?: number | null;
}

const MARGIN = { top: 28, right: 16, bottom: 46, left: 56 };
const DOT_R = 3;
const STRIP_ROWS = 4;

/** Histogram of per-episode returns with each episode as a dot underneath, the mean as a line and its 95% CI as a band (560×260 by default). */
export function ReturnDistribution({
  returns,
  mean,
  ciLow,
  ciHigh,
  threshold,
  title = 'Episode returns',
  width = 560,
  height = 260,
}: ReturnDistributionProps) {
  const values = returns.filter(Number.isFinite);
  const description =
    values.length === 0
      ? 'No episode returns to show.'
      : `${values.length} episodes; mean return ${formatValue(mean)} with 95% confidence interval ${formatValue(ciLow)} to ${formatValue(ciHigh)}; returns range from ${formatValue(Math.min(...values))} to ${formatValue(Math.max(...values))}.`;
  const extent = extentOf(values, [mean, ciLow, ciHigh], threshold == null ? [] : [threshold]);
  const svg = { width, height, title, description, testId: 'return-distribution' };
  if (values.length === 0 || !extent) {
    return <ChartSvg {...svg} emptyMessage="No episodes" />;
  }
  const plotBottom = height - MARGIN.bottom;
  const stripHeight = STRIP_ROWS * DOT_R * 2 + 6;
  const histBottom = plotBottom - stripHeight;
  const bins = histogram(values);
  // Every return equal (a solved CartPole): one tick, at the value, so the axis does not suggest a spread
  // (ticks 497 … 503 around one bar read as returns between 497 and 503).
  const same = Math.min(...values) === Math.max(...values) && extent[0] === extent[1];
  const xt = same
    ? {
        niceMin: bins[0]!.x0 - (bins[0]!.x1 - bins[0]!.x0) * 2,
        niceMax: bins[0]!.x1 + (bins[0]!.x1 - bins[0]!.x0) * 2,
        ticks: [values[0]!],
        step: 1,
      }
    : niceTicks(Math.min(extent[0], bins[0]!.x0), Math.max(extent[1], bins.at(-1)!.x1), 6);
  const x = linearScale([xt.niceMin, xt.niceMax], [MARGIN.left, width - MARGIN.right]);
  const maxCount = Math.max(...bins.map((b) => b.count));
  const yt = niceTicks(0, maxCount, Math.min(4, maxCount));
  const y = linearScale([0, yt.niceMax], [histBottom, MARGIN.top]);
  const dotXs = values.map((v) => x(v));
  const rows = stackDots(dotXs, DOT_R, STRIP_ROWS);
  return (
    <ChartSvg {...svg}>
      <YAxis scale={y} ticks={yt} x={MARGIN.left} label="episodes" gridRight={width - MARGIN.right} />
      <rect
        data-testid="ci-band"
        x={px(x(ciLow))}
        y={MARGIN.top}
        width={Math.max(1, px(px(x(ciHigh)) - px(x(ciLow))))}
        height={plotBottom - MARGIN.top}
        fill="#1f77b4"
        fillOpacity={0.18}
      />
      <g data-testid="histogram" fill="#1f77b4" fillOpacity={0.65}>
        {bins.map((b) => (
          <rect
            key={b.x0}
            data-testid="histogram-bar"
            data-count={b.count}
            x={px(x(b.x0) + 0.5)}
            y={px(y(b.count))}
            width={px(Math.max(0, x(b.x1) - x(b.x0) - 1))}
            height={px(histBottom - y(b.count))}
          >
            <title>{`${b.count} episode${b.count === 1 ? '' : 's'} with return in [${formatValue(b.x0)}, ${formatValue(b.x1)})`}</title>
          </rect>
        ))}
      </g>
      <g data-testid="return-dots" fill="#1f3b57" fillOpacity={0.7}>
        {dotXs.map((cx, i) => (
          <circle
            // biome-ignore lint/suspicious/noArrayIndexKey: episodes are listed in a fixed order
            key={i}
            data-testid="return-dot"
            cx={px(cx)}
            cy={px(plotBottom - 3 - DOT_R - rows[i]! * DOT_R * 2)}
            r={DOT_R}
          />
        ))}
      </g>
      {threshold != null && (
        <g data-testid="threshold-line">
          <line
            x1={px(x(threshold))}
            x2={px(x(threshold))}
            y1={MARGIN.top}
            y2={plotBottom}
            stroke="#2ca02c"
            strokeWidth={1.5}
            strokeDasharray="5 4"
          />
          <text x={px(x(threshold)) + 4} y={MARGIN.top + 10} fontSize={10} fill="#2ca02c">
            {`threshold ${formatValue(threshold)}`}
          </text>
        </g>
      )}
      <line
        data-testid="mean-line"
        x1={px(x(mean))}
        x2={px(x(mean))}
        y1={MARGIN.top - 6}
        y2={plotBottom}
        stroke="#d62728"
        strokeWidth={2}
      />
      <text
        x={px(x(mean))}
        y={MARGIN.top - 10}
        textAnchor={edgeAnchor(x(mean), width)}
        fontSize={11}
        fill="#d62728"
      >
        {`mean ${formatValue(mean)} [${formatValue(ciLow)}, ${formatValue(ciHigh)}]`}
      </text>
      <XAxis
        scale={x}
        ticks={xt}
        y={plotBottom}
        label={
          same
            ? `episode return: all ${values.length} episodes returned ${formatValue(values[0]!)}`
            : 'episode return'
        }
      />
    </ChartSvg>
  );
}

/** Text anchor that keeps a label centred on x inside the chart near its left and right edges. */
export function edgeAnchor(x: number, width: number): 'start' | 'middle' | 'end' {
  if (x < width * 0.2) return 'start';
  if (x > width * 0.8) return 'end';
  return 'middle';
}
