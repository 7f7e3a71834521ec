'use client';
import { useState } from 'react';

/**
 * The replay of a Python-backed env's episode (MuJoCo, Atari): an animated GIF the server renders on
 * demand with Gymnasium's `render_mode="rgb_array"` in the sandbox (the env's code never runs in the
 * browser), shown as it loads, with a download link.
 */
export function PythonReplay({
  evaluationId,
  index,
  envId,
}: {
  evaluationId: string;
  index: number;
  envId: string;
}) {
  const src = `/api/evaluations/${evaluationId}/episodes/${index}/replay.gif`;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  return (
    <div data-testid="python-replay">
      {state === 'loading' && <p className="small">Rendering the episode with Gymnasium in the sandbox…</p>}
      {state === 'failed' && <p className="error">The replay could not be rendered.</p>}
      {/* biome-ignore lint/performance/noImgElement: an animated GIF from our own API, not an optimizable asset */}
      <img
        src={src}
        alt={`Replay of episode ${index} of ${envId}`}
        onLoad={() => setState('ready')}
        onError={() => setState('failed')}
        style={{
          width: 'min(100%, 480px)',
          imageRendering: 'pixelated',
          display: state === 'failed' ? 'none' : 'block',
        }}
      />
      {state === 'ready' && (
        <a href={src} download={`${envId.replace(/\W+/g, '-')}-episode-${index}.gif`}>
          Download GIF
        </a>
      )}
    </div>
  );
}
