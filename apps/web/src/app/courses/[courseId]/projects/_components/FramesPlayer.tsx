'use client';
import type { Frame } from '@critic/envs';
import { useEffect, useRef, useState } from 'react';
import { drawFrame } from '~/lib/frames/draw-frame';
import { frameHeightFor } from '~/lib/frames/frame-transform';

/** Plays frames drawn on the server by a custom env's own render(): a canvas, play/pause and a scrubber. */
export function FramesPlayer({ frames, width = 480 }: { frames: Frame[]; width?: number }) {
  const [at, setAt] = useState(0);
  const [playing, setPlaying] = useState(false);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const first = frames[0];
  const height = first ? frameHeightFor(first.viewport, width) : width / 2;
  useEffect(() => {
    const frame = frames[at];
    const ctx = canvasRef.current?.getContext('2d');
    if (frame && ctx) drawFrame(ctx, frame, width, height);
  }, [frames, at, width, height]);
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      setAt((i) => {
        if (i + 1 >= frames.length) {
          setPlaying(false);
          return i;
        }
        return i + 1;
      });
    }, 100);
    return () => clearInterval(t);
  }, [playing, frames.length]);
  if (!first) return <p className="muted">No frames.</p>;
  return (
    <div data-testid="frames-player" data-frames={frames.length}>
      <canvas ref={canvasRef} width={width} height={height} data-testid="frames-canvas" />
      <div className="row">
        <button type="button" onClick={() => setPlaying((p) => !p)}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <input
          type="range"
          min={0}
          max={frames.length - 1}
          value={at}
          aria-label="Step"
          onChange={(e) => setAt(Number(e.target.value))}
        />
        <span className="small" data-testid="frames-step">
          step {at} / {frames.length - 1}
        </span>
      </div>
    </div>
  );
}
