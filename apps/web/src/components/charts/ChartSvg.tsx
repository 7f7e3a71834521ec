import { type ReactNode, useId } from 'react';

/** Props of ChartSvg. */
export interface ChartSvgProps {
  /** viewBox width in px. */
  width: number;
  /** viewBox height in px. */
  height: number;
  /** Accessible name (rendered as <title>). */
  title: string;
  /** Accessible description of what the chart shows (rendered as <desc>). */
  description: string;
  /** data-testid of the <svg>. */
  testId: string;
  /** When given, the chart has no data: this message is shown in the middle instead of children. */
  emptyMessage?: string;
  children?: ReactNode;
}

/** Title and size props every chart takes. */
export interface ChartSizeProps {
  /** Accessible title (each chart has its own default). */
  title?: string;
  /** Width in px. */
  width?: number;
  /** Height in px. */
  height?: number;
}

/** A responsive <svg role="img"> labelled by its own <title> and <desc>. */
export function ChartSvg({
  width,
  height,
  title,
  description,
  testId,
  emptyMessage,
  children,
}: ChartSvgProps) {
  const id = useId();
  return (
    <svg
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      data-testid={testId}
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      style={{ maxWidth: width, height: 'auto', fontFamily: 'system-ui, sans-serif' }}
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {emptyMessage === undefined ? (
        children
      ) : (
        <text x={width / 2} y={height / 2} textAnchor="middle" fontSize={13} fill="currentColor">
          {emptyMessage}
        </text>
      )}
    </svg>
  );
}
