'use client';
import type { Frame } from '@critic/envs';
import { useEffect, useState } from 'react';
import { ApiClientError, api, apiSend } from '~/lib/client/api-client';
import { PythonReplay } from './PythonReplay';
import { replayGifName } from './player-state';
import { FrameSequencePlayer } from './ReplayPlayer';

/**
 * Replays an episode of a custom env (`custom/…`): the browser has no code for it, so its frames are drawn
 * on the server by the env's own render() in the sandbox (`…/frames`) and played here.
 */
export function CustomEnvReplay({
  evaluationId,
  index,
  envId,
  seed,
}: {
  evaluationId: string;
  index: number;
  envId: string;
  seed: number;
}) {
  const [frames, setFrames] = useState<Frame[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // A group's Python env (env.py) has no shape frames: Gymnasium renders it as a GIF instead.
  const [python, setPython] = useState(false);
  useEffect(() => {
    setFrames(null);
    setError(null);
    const param = { evaluationId, index: String(index) };
    apiSend(api.evaluations[':evaluationId'].episodes[':index'].frames.$get({ param })).then(
      // The route declares a frame's shapes loosely (records); they are the env's render() output.
      (r) => setFrames(r.frames),
      (e: unknown) => {
        if (e instanceof ApiClientError && e.code === 'python_env') setPython(true);
        else setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [evaluationId, index]);
  if (python) return <PythonReplay evaluationId={evaluationId} index={index} envId={envId} />;
  if (error !== null) {
    return (
      <div className="error" data-testid="replay-error" role="alert">
        Cannot replay this episode: {error}
      </div>
    );
  }
  if (frames === null) return <p className="muted">Drawing the episode with {envId}'s render()…</p>;
  return (
    <FrameSequencePlayer
      frames={frames}
      fps={10}
      label={`${envId} episode, seed ${seed}`}
      gifFileName={replayGifName(envId, seed)}
    />
  );
}
