import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { LearningCurve } from './LearningCurve';
import { elementsByTestId, num } from './markup.test-support';
import { ReturnDistribution } from './ReturnDistribution';
import { ScoreIntervals } from './ScoreIntervals';

/** The title and desc texts, and whether the svg points at them by id. */
function accessibleText(html: string) {
  const svg = /<svg[^>]*aria-labelledby="([^"]+)"[^>]*aria-describedby="([^"]+)"/.exec(html);
  const title = new RegExp(`<title id="${svg?.[1]}">([^<]*)</title>`).exec(html);
  const desc = new RegExp(`<desc id="${svg?.[2]}">([^<]*)</desc>`).exec(html);
  return { title: title?.[1], desc: desc?.[1] };
}

describe('ReturnDistribution', () => {
  const returns = [500, 500, 480, 320, 500, 455, 500, 410, 500, 500];
  const html = renderToStaticMarkup(
    <ReturnDistribution returns={returns} mean={456.5} ciLow={410.2} ciHigh={493.1} threshold={475} />,
  );

  test('is labelled by its title and a description with n, mean and CI', () => {
    expect(accessibleText(html)).toEqual({
      title: 'Episode returns',
      desc: '10 episodes; mean return 457 with 95% confidence interval 410 to 493; returns range from 320 to 500.',
    });
    expect(html).toContain('role="img"');
  });

  test('draws one dot per episode, histogram bars counting every episode, the mean inside the CI band', () => {
    expect(elementsByTestId(html, 'return-dot')).toHaveLength(10);
    const bars = elementsByTestId(html, 'histogram-bar');
    expect(bars.reduce((s, b) => s + num(b, 'data-count'), 0)).toBe(10);
    const band = elementsByTestId(html, 'ci-band')[0];
    const mean = elementsByTestId(html, 'mean-line')[0];
    expect(num(mean, 'x1')).toBeGreaterThan(num(band, 'x'));
    expect(num(mean, 'x1')).toBeLessThan(num(band, 'x') + num(band, 'width'));
    // n = 10 → 5 Sturges intervals over [320, 500] → step 50: the last bin [450, 500] holds the six 500s, 480 and 455
    expect(bars.map((b) => num(b, 'data-count'))).toEqual([1, 0, 1, 8]);
    const threshold = elementsByTestId(html, 'threshold-line');
    expect(threshold).toHaveLength(1);
  });

  test('has x ticks at round returns and the axis titles', () => {
    expect(html).toMatch(/>300<\/text>.*>400<\/text>.*>500<\/text>/s);
    expect(html).toContain('episode return');
    expect(html).toContain('>episodes<');
  });

  test('equal returns: one bar and one tick at the value, no spread around it', () => {
    const same = renderToStaticMarkup(
      <ReturnDistribution returns={Array(30).fill(500)} mean={500} ciLow={500} ciHigh={500} />,
    );
    expect(elementsByTestId(same, 'histogram-bar').map((b) => b['data-count'])).toEqual(['30']);
    const axis = same.slice(same.indexOf('data-testid="x-axis"'));
    const labels = [...axis.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(['500', 'episode return: all 30 episodes returned 500']);
    expect(same).not.toMatch(/>49[7-9]<|>50[1-3]</);
  });

  test('says so when there are no episodes', () => {
    const empty = renderToStaticMarkup(<ReturnDistribution returns={[]} mean={0} ciLow={0} ciHigh={0} />);
    expect(empty).toContain('No episodes');
    expect(elementsByTestId(empty, 'return-dot')).toHaveLength(0);
  });
});

describe('LearningCurve', () => {
  const points = Array.from({ length: 50 }, (_, i) => ({
    step: (50 - i) * 1000,
    return: 10 + (50 - i) * 9 + (i % 2 ? 10 : -10),
  }));

  test('draws the raw and smoothed lines left to right over steps, with k-formatted ticks', () => {
    const html = renderToStaticMarkup(<LearningCurve points={points} threshold={475} />);
    const raw = elementsByTestId(html, 'curve-raw')[0]!;
    const smooth = elementsByTestId(html, 'curve-smoothed')[0]!;
    const xs = [...raw.d!.matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(50);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    // smoothing removes the ±10 zig-zag: the smoothed path's y changes sign less often
    const turns = (d: string) => {
      const ys = [...d.matchAll(/[ML][\d.]+ ([\d.]+)/g)].map((m) => Number(m[1]));
      let n = 0;
      for (let i = 2; i < ys.length; i++) if ((ys[i]! - ys[i - 1]!) * (ys[i - 1]! - ys[i - 2]!) < 0) n++;
      return n;
    };
    expect(turns(raw.d!)).toBeGreaterThan(40);
    expect(turns(smooth.d!)).toBeLessThan(turns(raw.d!) / 2);
    expect(html).toContain('>50k<');
    expect(elementsByTestId(html, 'threshold-line')).toHaveLength(1);
    expect(accessibleText(html).desc).toMatch(/^50 points from step 1000 to 50000; returns between/);
  });

  test('smoothing 0 draws only the raw line; no points says so', () => {
    const html = renderToStaticMarkup(<LearningCurve points={points} smoothing={0} />);
    expect(elementsByTestId(html, 'curve-smoothed')).toHaveLength(0);
    expect(renderToStaticMarkup(<LearningCurve points={[]} />)).toContain('No learning curve');
  });
});

describe('ScoreIntervals', () => {
  const rows = [
    { key: 'a', label: 'Alpha', mean: 480, ciLow: 470, ciHigh: 490 },
    { key: 'b', label: 'Beta', mean: 465, ciLow: 450, ciHigh: 475, highlight: true },
    { key: 'c', label: 'Gamma with a very long team name', mean: 300, ciLow: 280, ciHigh: 320 },
    { key: 'r', label: 'random policy', mean: 22, ciLow: 20, ciHigh: 24, baseline: true },
  ];
  const html = renderToStaticMarkup(<ScoreIntervals rows={rows} />);

  test('one interval per row, in order, with the mean inside it', () => {
    const lines = elementsByTestId(html, 'interval-line');
    const means = elementsByTestId(html, 'interval-mean');
    expect(lines).toHaveLength(4);
    lines.forEach((l, i) => {
      expect(num(l, 'x1')).toBeLessThanOrEqual(num(means[i], 'cx'));
      expect(num(means[i], 'cx')).toBeLessThanOrEqual(num(l, 'x2'));
      if (i > 0) expect(num(l, 'y1')).toBeGreaterThan(num(lines[i - 1], 'y1'));
    });
    expect(lines[3]!['stroke-dasharray']).toBe('4 3');
  });

  test('marks rows whose interval overlaps the leader’s as tied, and says so in the description', () => {
    const rowEls = elementsByTestId(html, 'interval-row');
    expect(rowEls.map((r) => r['data-tie'] ?? '')).toEqual(['', 'true', '', '']);
    expect(rowEls[1]!['data-highlight']).toBe('true');
    const band = elementsByTestId(html, 'leader-band')[0];
    const alpha = elementsByTestId(html, 'interval-line')[0];
    expect([num(band, 'x'), num(band, 'x') + num(band, 'width')]).toEqual([
      num(alpha, 'x1'),
      num(alpha, 'x2'),
    ]);
    expect(accessibleText(html).desc).toBe(
      '4 rows. Leader Alpha: 480 [470, 490]. 1 other row overlaps the leader&#x27;s interval: Beta.',
    );
    expect(html).toContain('Gamma with a very l…');
  });

  test('an empty board renders a placeholder', () => {
    expect(renderToStaticMarkup(<ScoreIntervals rows={[]} />)).toContain('No scores yet');
  });
});
