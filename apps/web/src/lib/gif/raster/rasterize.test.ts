import { type Frame, renderFrame } from '@critic/envs';
import { describe, expect, test } from 'vitest';
import { parseHexColor } from './color';
import { PixelCanvas } from './pixel-canvas';
import { rasterizeFrame } from './rasterize';

const pixel = (rgba: Uint8ClampedArray, width: number, x: number, y: number) => {
  const i = (y * width + x) * 4;
  return (rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!;
};
const colorsOf = (rgba: Uint8ClampedArray) => {
  const set = new Set<number>();
  for (let i = 0; i < rgba.length; i += 4) set.add((rgba[i]! << 16) | (rgba[i + 1]! << 8) | rgba[i + 2]!);
  return set;
};

describe('parseHexColor', () => {
  test('reads #rrggbb and #rgb and names what it cannot read', () => {
    expect(parseHexColor('#ca9865')).toBe(0xca9865);
    expect(parseHexColor('#fA0')).toBe(0xffaa00);
    expect(() => parseHexColor('red')).toThrow('colour: expected #rgb or #rrggbb, found "red"');
  });
});

describe('rasterizeFrame', () => {
  const frame: Frame = {
    viewport: { xMin: 0, xMax: 10, yMin: 0, yMax: 10 },
    shapes: [
      {
        kind: 'polygon',
        points: [
          [1, 1],
          [4, 1],
          [4, 4],
          [1, 4],
        ],
        fill: '#ff0000',
        stroke: '#00ff00',
      },
      { kind: 'circle', center: [7, 7], radius: 2, fill: '#0000ff' },
      {
        kind: 'line',
        points: [
          [0, 8],
          [5, 8],
        ],
        stroke: '#123456',
        width: 0.4,
      },
      { kind: 'text', at: [6, 1], text: 'G', fill: '#000000', size: 2 },
    ],
  };
  const rgba = rasterizeFrame(frame, 100, 100);

  test('fills polygons and circles, keeps the background elsewhere, draws outlines on the edge', () => {
    expect(pixel(rgba, 100, 25, 75)).toBe(0xff0000); // inside the square (world 2.5, 2.5)
    expect(pixel(rgba, 100, 9, 75)).toBe(0x00ff00); // its left edge x = 10 px, outlined 1 px wide over [9.5, 10.5]
    expect(pixel(rgba, 100, 70, 30)).toBe(0x0000ff); // circle centre (world 7, 7)
    expect(pixel(rgba, 100, 70, 11)).toBe(0x0000ff); // 19 px above the centre: inside r = 20
    expect(pixel(rgba, 100, 70, 8)).toBe(0xffffff); // 22 px above: outside
    expect(pixel(rgba, 100, 95, 95)).toBe(0xffffff);
    for (let i = 3; i < rgba.length; i += 4) expect(rgba[i]).toBe(255);
  });

  test('strokes lines with their width in pixels (4 px for 0.4 units)', () => {
    const column = [17, 18, 19, 20, 21, 22, 23].map((y) => pixel(rgba, 100, 25, y));
    // centre line at pixel y = 20: rows whose centres lie in [18, 22]
    expect(column).toEqual([0xffffff, 0x123456, 0x123456, 0x123456, 0x123456, 0xffffff, 0xffffff]);
  });

  test('writes text with the bitmap font inside its cap box and nowhere else', () => {
    // size 2 units = 20 px font, cap height 14 px from the baseline at pixel y = 90
    let ink = 0;
    for (let y = 0; y < 100; y++) {
      for (let x = 55; x < 100; x++) {
        if (pixel(rgba, 100, x, y) === 0x000000) {
          ink++;
          expect(y).toBeGreaterThanOrEqual(76);
          expect(y).toBeLessThan(90);
        }
      }
    }
    expect(ink).toBeGreaterThan(30);
  });

  test('uses only the colours the frame names (no anti-aliasing), for a real env frame', () => {
    const f = renderFrame('Taxi-v4', [321]);
    const named = new Set([0xffffff]);
    for (const s of f.shapes) {
      if ('fill' in s) named.add(parseHexColor(s.fill));
      if ('stroke' in s && s.stroke) named.add(parseHexColor(s.stroke));
    }
    const used = colorsOf(rasterizeFrame(f, 250, 250));
    for (const c of used) expect(named.has(c), c.toString(16)).toBe(true);
    expect(used.size).toBeGreaterThan(6);
  });

  test('nonzero fill: a ring drawn as two opposite subpaths leaves its hole empty', () => {
    const canvas = new PixelCanvas(20, 20);
    canvas.fillStyle = '#ffffff';
    canvas.fillRect(0, 0, 20, 20);
    canvas.beginPath();
    for (const [x, y] of [
      [2, 2],
      [18, 2],
      [18, 18],
      [2, 18],
    ])
      canvas.lineTo(x!, y!);
    canvas.closePath();
    canvas.moveTo(6, 6);
    for (const [x, y] of [
      [6, 14],
      [14, 14],
      [14, 6],
    ])
      canvas.lineTo(x!, y!);
    canvas.closePath();
    canvas.fillStyle = '#000000';
    canvas.fill();
    expect(canvas.pixel(3, 3)).toBe(0);
    expect(canvas.pixel(10, 10)).toBe(0xffffff);
  });

  test('rejects a bad canvas size and a font without a pixel size', () => {
    expect(() => new PixelCanvas(0, 5)).toThrow('canvas size: expected positive integers, found 0×5');
    const canvas = new PixelCanvas(5, 5);
    canvas.font = 'bold serif';
    expect(() => canvas.fillText('x', 0, 4)).toThrow(/font: expected a size in px/);
  });
});
