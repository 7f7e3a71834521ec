import { renderFrame } from '@critic/envs';
import { renderToString } from 'react-dom/server';
import { describe, expect, test } from 'vitest';
import { FrameSequencePlayer, ReplayPlayer } from './ReplayPlayer';

describe('ReplayPlayer (server render)', () => {
  test('renders the canvas at the viewport aspect, the controls with their test ids and step 0', () => {
    const html = renderToString(
      <ReplayPlayer envId="FrozenLake-v1" seed={11} actions={[1, 2, 2]} width={320} />,
    );
    for (const id of [
      'replay-canvas',
      'replay-play',
      'replay-step',
      'replay-back',
      'replay-gif',
      'replay-scrub',
      'replay-speed',
    ]) {
      expect(html, id).toContain(`data-testid="${id}"`);
    }
    // FrozenLake's viewport is square
    expect(html).toMatch(/<canvas[^>]*width="320" height="320"/);
    expect(html).toMatch(/data-testid="replay-position">step <!-- -->0<!-- --> \/ <!-- -->3</);
    expect(html).toMatch(/type="range"[^>]*max="3"/);
    expect(html).toContain('Download GIF');
  });

  test('shows why an episode cannot be replayed (unknown env, actions past the end)', () => {
    expect(renderToString(<ReplayPlayer envId="NoSuchEnv-v0" seed={0} actions={[]} />)).toMatch(
      /data-testid="replay-error".*Cannot replay this episode:.*NoSuchEnv-v0/s,
    );
    const tooLong = new Array(600).fill(1);
    expect(renderToString(<ReplayPlayer envId="CartPole-v1" seed={0} actions={tooLong} />)).toContain(
      'episode ended at step',
    );
  });
});

describe('FrameSequencePlayer (server render)', () => {
  test('plays given frames without a return display when no steps are known', () => {
    const frames = [36, 24, 25].map((s) => renderFrame('CliffWalking-v1', [s]));
    const html = renderToString(
      <FrameSequencePlayer frames={frames} label="custom env" gifFileName="custom.gif" width={240} />,
    );
    expect(html).toMatch(/data-testid="replay-position">step <!-- -->0<!-- --> \/ <!-- -->2</);
    expect(html).not.toContain('data-testid="replay-return"');
    // 12 × 4 cells at 240 px wide
    expect(html).toMatch(/<canvas[^>]*width="240" height="80"/);
    expect(html).toContain('aria-label="custom env, step 0 of 2"');
    expect(renderToString(<FrameSequencePlayer frames={[]} label="x" gifFileName="x.gif" />)).toContain(
      'No frames.',
    );
  });
});
