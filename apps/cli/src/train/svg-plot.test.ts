import { describe, expect, it } from 'vitest';
import { movingAverage, niceTicks, renderLinePlot } from './svg-plot';

describe('svg plot', () => {
  it('picks round ticks of 1, 2 or 5 × 10^k inside the range', () => {
    expect(niceTicks(0, 100_000)).toEqual([0, 20_000, 40_000, 60_000, 80_000, 100_000]);
    expect(niceTicks(-1.3, 0.4)).toEqual([-1, -0.5, 0]);
    expect(niceTicks(3, 3)).toEqual([3]);
  });

  it('averages over a trailing window', () => {
    const pts = [1, 2, 3, 4].map((y, x) => ({ x, y }));
    expect(movingAverage(pts, 2).map((p) => p.y)).toEqual([1, 1.5, 2.5, 3.5]);
  });

  it('draws the series, the reference line and escapes text', () => {
    const svg = renderLinePlot({
      title: 'A <b> & c',
      xLabel: 'steps',
      yLabel: 'return',
      points: [
        { x: 0, y: 10 },
        { x: 100, y: 500 },
      ],
      reference: { y: 475, label: 'threshold 475' },
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain('A &#60;b&#62; &#38; c');
    expect(svg).toContain('threshold 475');
    // x from 70 (left margin) to 700 (width − right margin).
    expect(svg).toMatch(/<path d="M70\.0,[\d.]+L700\.0,[\d.]+"/);
    expect(renderLinePlot({ title: 't', xLabel: 'x', yLabel: 'y', points: [] })).toContain(
      'no finished episodes',
    );
  });
});
