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
  children: ReactNode;
}

/** A responsive <svg role="img"> labelled by its own <title> and <desc>. */
export function ChartSvg({ width, height, title, description, testId, children }: ChartSvgProps) {
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
      {children}
    </svg>
  );
}
