'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { uploadWithProgress } from '~/lib/client/upload';
import { CheckReport } from './CheckReport';
import type { CustomEnvView } from './types';

/** Uploads a custom env (JS/TS module, or Python env.py / zip); shows the sandboxed checkEnv / check_env report it gets back. */
export function CustomEnvUpload({ courseId }: { courseId: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<CustomEnvView | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    return run(async () => {
      setResult(null);
      setResult(
        await uploadWithProgress<CustomEnvView>(`/api/courses/${courseId}/custom-envs`, form, () => {}),
      );
      router.refresh();
    });
  };
  return (
    <div>
      <form className="stack" onSubmit={onSubmit} aria-label="Upload custom env">
        <label>
          Env name
          <input name="name" required pattern="[A-Za-z0-9_.\-]{1,64}" placeholder="gridworld-v0" />
        </label>
        <label>
          Max episode steps
          <input name="maxEpisodeSteps" type="number" min={1} max={1000000} defaultValue={500} />
        </label>
        <label>
          Env module (.js or .ts exporting createEnv(), or a Python env.py / .zip of env.py and its assets)
          <input name="file" type="file" accept=".js,.mjs,.ts,.mts,.py,.zip" required />
        </label>
        <button type="submit" disabled={busy}>
          {busy ? 'Checking in the sandbox…' : 'Upload and check'}
        </button>
        <FormError error={error} />
      </form>
      {result && <CheckReport env={result} />}
    </div>
  );
}
