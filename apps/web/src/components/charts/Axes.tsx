import type { LinearScale } from '~/lib/charts/scale';
import { formatTick, type NiceTicks } from '~/lib/charts/ticks';

const TICK = 5;
const AXIS_COLOR = 'currentColor';
const GRID_COLOR = '#d0d7de';

/** Props of XAxis. */
export interface XAxisProps {
  /** Data → pixel x. */
  scale: LinearScale;
  /** niceTicks' tick values and their step (for formatting the labels). */
  ticks: Pick<NiceTicks, 'ticks' | 'step'>;
  /** Pixel y of the axis line. */
  y: number;
  /** Axis title under the tick labels. */
  label: string;
  /** When given, light vertical grid lines run from the axis up to this pixel y. */
  gridTop?: number;
}

/** A horizontal axis: line, ticks, labels, title and optional grid lines. */
export function XAxis({ scale, ticks: { ticks, step }, y, label, gridTop }: XAxisProps) {
  const [x0, x1] = scale.range;
  return (
    <g data-testid="x-axis" fontSize={11} fill={AXIS_COLOR}>
      {gridTop !== undefined &&
        ticks.map((t) => (
          <line key={`g${t}`} x1={px(scale(t))} x2={px(scale(t))} y1={y} y2={gridTop} stroke={GRID_COLOR} />
        ))}
      <line x1={x0} x2={x1} y1={y} y2={y} stroke={AXIS_COLOR} />
      {ticks.map((t) => (
        <g key={t} transform={`translate(${px(scale(t))},${y})`}>
          <line y2={TICK} stroke={AXIS_COLOR} />
          <text y={TICK + 11} textAnchor="middle">
            {formatTick(t, step)}
          </text>
        </g>
      ))}
      <text x={(x0 + x1) / 2} y={y + TICK + 28} textAnchor="middle" fontSize={12}>
        {label}
      </text>
    </g>
  );
}

/** Props of YAxis. */
export interface YAxisProps {
  /** Data → pixel y. */
  scale: LinearScale;
  /** niceTicks' tick values and their step. */
  ticks: Pick<NiceTicks, 'ticks' | 'step'>;
  /** Pixel x of the axis line. */
  x: number;
  /** Axis title, written vertically left of the tick labels. */
  label: string;
  /** When given, light horizontal grid lines run from the axis right to this pixel x. */
  gridRight?: number;
}

/** A vertical axis: line, ticks, labels, title and optional grid lines. */
export function YAxis({ scale, ticks: { ticks, step }, x, label, gridRight }: YAxisProps) {
  const [y0, y1] = scale.range;
  return (
    <g data-testid="y-axis" fontSize={11} fill={AXIS_COLOR}>
      {gridRight !== undefined &&
        ticks.map((t) => (
          <line key={`g${t}`} x1={x} x2={gridRight} y1={px(scale(t))} y2={px(scale(t))} stroke={GRID_COLOR} />
        ))}
      <line x1={x} x2={x} y1={y0} y2={y1} stroke={AXIS_COLOR} />
      {ticks.map((t) => (
        <g key={t} transform={`translate(${x},${px(scale(t))})`}>
          <line x2={-TICK} stroke={AXIS_COLOR} />
          <text x={-TICK - 3} dy="0.32em" textAnchor="end">
            {formatTick(t, step)}
          </text>
        </g>
      ))}
      <text transform={`translate(${x - 40},${(y0 + y1) / 2}) rotate(-90)`} textAnchor="middle" fontSize={12}>
        {label}
      </text>
    </g>
  );
}

/** A pixel coordinate rounded to 0.1 px, to keep the markup short. */
export function px(v: number): number {
  return Math.round(v * 10) / 10;
}
