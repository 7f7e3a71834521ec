import { type Frame, renderFrame } from '@critic/envs';
import { describe, expect, test } from 'vitest';
import { drawFrame } from './draw-frame';
import { frameHeightFor, frameTransform } from './frame-transform';
import { RecordingContext } from './recording-context.test-support';

describe('frameTransform', () => {
  test('maps the viewport with y up onto pixels with y down, letterboxed and centred', () => {
    const t = frameTransform({ xMin: -1, xMax: 1, yMin: 0, yMax: 1 }, 400, 300);
    // scale = min(400/2, 300/1) = 200; the 200-pixel-high image is centred vertically (offset 50)
    expect(t.scale).toBe(200);
    expect([t.x(-1), t.y(1)]).toEqual([0, 50]);
    expect([t.x(1), t.y(0)]).toEqual([400, 250]);
    expect([t.x(0), t.y(0.5)]).toEqual([200, 150]);
  });

  test('rejects an empty viewport, naming it', () => {
    expect(() => frameTransform({ xMin: 1, xMax: 1, yMin: 0, yMax: 1 }, 10, 10)).toThrow(
      /frame\.viewport.*x \[1, 1\]/,
    );
  });

  test('frameHeightFor keeps the aspect ratio', () => {
    expect(frameHeightFor({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 300)).toBe(150);
  });
});

describe('drawFrame', () => {
  const frame: Frame = {
    viewport: { xMin: 0, xMax: 10, yMin: 0, yMax: 5 },
    shapes: [
      {
        kind: 'line',
        points: [
          [0, 0],
          [10, 5],
        ],
        stroke: '#112233',
        width: 0.5,
      },
      {
        kind: 'line',
        points: [
          [0, 1],
          [10, 1],
        ],
        stroke: '#000000',
        width: 0.001,
      },
      {
        kind: 'polygon',
        points: [
          [1, 1],
          [2, 1],
          [2, 2],
        ],
        fill: '#ff0000',
        stroke: '#00ff00',
      },
      {
        kind: 'polygon',
        points: [
          [3, 3],
          [4, 3],
          [4, 4],
        ],
        fill: '#0000ff',
      },
      { kind: 'circle', center: [5, 2.5], radius: 1, fill: '#abcdef' },
      { kind: 'text', at: [1, 4], text: 'Sum 17', fill: '#ffffff', size: 0.5 },
    ],
  };

  test('paints the background, then every shape kind in order in pixel coordinates', () => {
    const ctx = new RecordingContext();
    drawFrame(ctx, frame, 200, 100, { background: '#eeeeee' });
    expect(ctx.calls).toEqual([
      'fillRect 0 0 200 100 #eeeeee',
      'beginPath',
      'moveTo 0 100',
      'lineTo 200 0',
      'stroke #112233 10',
      'beginPath',
      'moveTo 0 80',
      'lineTo 200 80',
      'stroke #000000 1', // 0.001 units is 0.02 px: raised to the 1-pixel minimum
      'beginPath',
      'moveTo 20 80',
      'lineTo 40 80',
      'lineTo 40 60',
      'closePath',
      'fill #ff0000',
      'stroke #00ff00 1',
      'beginPath',
      'moveTo 60 40',
      'lineTo 80 40',
      'lineTo 80 20',
      'closePath',
      'fill #0000ff',
      'beginPath',
      `arc 100 50 20 0 ${Math.round(2 * Math.PI * 1000) / 1000}`,
      'closePath',
      'fill #abcdef',
      'fillText "Sum 17" 20 20 10.0px sans-serif #ffffff alphabetic',
    ]);
  });

  test('draws every env frame with only the FrameContext calls (Blackjack text, Taxi walls, Pendulum arc)', () => {
    for (const [id, state] of [
      ['Blackjack-v1', [0, 2, 1, 6, 10, 7]],
      ['Taxi-v4', [123]],
      ['CartPole-v1', [0.1, 0, 0.05, 0]],
      ['FrozenLake-v1', [5]],
    ] as const) {
      const ctx = new RecordingContext();
      const f = renderFrame(id, state);
      drawFrame(ctx, f, 300, 200);
      const painted = ctx.calls.filter((c) => /^(fill |stroke |fillText)/.test(c)).length;
      // each shape paints at least once (outlined shapes twice)
      expect(painted, id).toBeGreaterThanOrEqual(f.shapes.length);
    }
  });
});
