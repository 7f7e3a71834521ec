'use client';

import { type Action, type Frame, make, type Replay, replayEpisode } from '@critic/envs';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import { formatValue } from '~/lib/charts/ticks';
import { drawFrame } from '~/lib/frames/draw-frame';
import { frameHeightFor } from '~/lib/frames/frame-transform';
import { framesGifInSlices } from '~/lib/gif/frames-gif';
import { cumulativeReturns, initialPlayerState, playerReducer, replayGifName, SPEEDS } from './player-state';

/** Props of ReplayPlayer: an episode as the trajectory endpoint returns it (`{ env, seed, actions }`). */
export interface ReplayPlayerProps {
  /** Registered env id, e.g. "CartPole-v1". */
  envId: string;
  /** The episode's reset seed. */
  seed: number;
  /** The actions the agent took, in order. */
  actions: readonly Action[];
  /** Canvas width in CSS pixels (default 480); the height follows the env's viewport. */
  width?: number;
}

type Loaded = { ok: true; replay: Replay; fps: number } | { ok: false; message: string };

/** Replays an episode with the grader's env code and plays it on a canvas: play/pause, step, scrub, speed, return so far, and a GIF download. */
export function ReplayPlayer({ envId, seed, actions, width = 480 }: ReplayPlayerProps) {
  const loaded = useMemo<Loaded>(() => {
    try {
      return { ok: true, replay: replayEpisode(envId, seed, actions), fps: make(envId).metadata.renderFps };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? e.message : String(e) };
    }
  }, [envId, seed, actions]);
  if (!loaded.ok) {
    return (
      <div className="error" data-testid="replay-error" role="alert">
        Cannot replay this episode: {loaded.message}
      </div>
    );
  }
  return (
    <FrameSequencePlayer
      frames={loaded.replay.frames}
      steps={loaded.replay.steps}
      fps={loaded.fps}
      label={`${envId} episode, seed ${seed}`}
      gifFileName={replayGifName(envId, seed)}
      width={width}
    />
  );
}

/** Props of FrameSequencePlayer. */
export interface FrameSequencePlayerProps {
  /** The frames to play: the reset state first, then one per step. */
  frames: readonly Frame[];
  /** The steps between frames (reward and end flags), when known: enables the return display. */
  steps?: readonly Pick<Replay['steps'][number], 'reward' | 'terminated' | 'truncated'>[];
  /** Frames per second at 1× speed (default 30). */
  fps?: number;
  /** Accessible name of the canvas, e.g. "CartPole-v1 episode, seed 3". */
  label: string;
  /** File name of the downloaded GIF. */
  gifFileName: string;
  /** Canvas width in CSS pixels (default 480). */
  width?: number;
}

/** Plays already-drawn frames (e.g. a custom env's) with the same controls as ReplayPlayer. */
export function FrameSequencePlayer({
  frames,
  steps,
  fps = 30,
  label,
  gifFileName,
  width = 480,
}: FrameSequencePlayerProps) {
  const last = Math.max(0, frames.length - 1);
  const [state, dispatch] = useReducer(playerReducer, last, initialPlayerState);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const first = frames[0];
  const height = first ? frameHeightFor(first.viewport, width) : Math.round(width / 2);
  const returns = useMemo(() => cumulativeReturns((steps ?? []).map((s) => s.reward)), [steps]);

  useEffect(() => dispatch({ type: 'load', last }), [last]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    const frame = frames[Math.min(state.t, frames.length - 1)];
    if (!canvas || !ctx || !frame) return;
    const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(height * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawFrame(ctx, frame, width, height);
  }, [frames, state.t, width, height]);

  useEffect(() => {
    if (!state.playing) return;
    let previous = performance.now();
    let handle = requestAnimationFrame(function tick(now) {
      dispatch({ type: 'tick', elapsedMs: now - previous, fps });
      previous = now;
      handle = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(handle);
  }, [state.playing, fps]);

  const step = steps?.[state.t - 1];
  const ended = state.t === last && (step?.terminated || step?.truncated);
  if (!first) return <p className="muted">No frames.</p>;
  return (
    <section
      data-testid="replay-player"
      aria-label={`Replay of ${label}`}
      style={{ display: 'inline-flex', flexDirection: 'column', gap: 8, maxWidth: '100%' }}
    >
      <canvas
        ref={canvasRef}
        data-testid="replay-canvas"
        width={width}
        height={height}
        style={{
          width,
          maxWidth: '100%',
          height: 'auto',
          border: '1px solid var(--border, #ccc)',
          background: '#fff',
        }}
        aria-label={`${label}, step ${state.t} of ${last}`}
        role="img"
      />
      <div className="row" style={{ alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
        <button
          type="button"
          className="secondary"
          data-testid="replay-back"
          aria-label="Step back"
          disabled={state.t === 0}
          onClick={() => dispatch({ type: 'step', delta: -1 })}
        >
          ◀
        </button>
        <button
          type="button"
          data-testid="replay-play"
          aria-label={state.playing ? 'Pause' : 'Play'}
          disabled={last === 0}
          onClick={() => dispatch({ type: 'toggle' })}
        >
          {state.playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="replay-step"
          aria-label="Step forward"
          disabled={state.t === last}
          onClick={() => dispatch({ type: 'step', delta: 1 })}
        >
          ▶
        </button>
        <label className="small">
          Speed{' '}
          <select
            data-testid="replay-speed"
            value={state.speed}
            onChange={(e) => dispatch({ type: 'speed', speed: Number(e.target.value) })}
          >
            {SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <GifButton frames={frames} fileName={gifFileName} fps={fps} width={width} />
      </div>
      <input
        type="range"
        data-testid="replay-scrub"
        aria-label="Step"
        min={0}
        max={last}
        step={1}
        value={state.t}
        onChange={(e) => dispatch({ type: 'seek', t: Number(e.target.value) })}
        style={{ width: '100%' }}
      />
      <div className="row small" style={{ gap: 16 }} aria-live="polite">
        <span data-testid="replay-position">
          step {state.t} / {last}
        </span>
        {steps && <span data-testid="replay-return">return {formatValue(returns[state.t] ?? 0)}</span>}
        {step && <span className="muted">reward {formatValue(step.reward)}</span>}
        {ended && <span className="badge">{step?.terminated ? 'terminated' : 'truncated'}</span>}
      </div>
    </section>
  );
}

interface GifButtonProps {
  frames: readonly Frame[];
  fileName: string;
  fps: number;
  width: number;
}

/** Encodes the replay as a GIF in the browser (in slices, showing progress) and downloads it. */
function GifButton({ frames, fileName, fps, width }: GifButtonProps) {
  const [progress, setProgress] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const download = useCallback(async () => {
    const abort = new AbortController();
    abortRef.current = abort;
    setError(null);
    setProgress('0%');
    try {
      const bytes = await framesGifInSlices(
        frames,
        { width: Math.min(width, 480), fps },
        (done, total) => setProgress(`${Math.round((100 * done) / total)}%`),
        abort.signal,
      );
      const url = URL.createObjectURL(new Blob([bytes.slice().buffer as ArrayBuffer], { type: 'image/gif' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      if (!abort.signal.aborted) setError(e instanceof Error ? e.message : String(e));
    } finally {
      if (!abort.signal.aborted) setProgress(null);
    }
  }, [frames, fileName, fps, width]);
  return (
    <>
      <button
        type="button"
        className="secondary"
        data-testid="replay-gif"
        disabled={progress !== null}
        onClick={download}
      >
        {progress === null ? 'Download GIF' : `Encoding GIF… ${progress}`}
      </button>
      {error && (
        <span className="error small" role="alert">
          GIF failed: {error}
        </span>
      )}
    </>
  );
}
