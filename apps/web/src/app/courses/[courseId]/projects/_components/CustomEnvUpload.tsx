'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';
import type { CustomEnvView } from '~/lib/client/api-contract';
import { uploadCustomEnv } from '~/lib/client/upload';
import { CheckReport } from './CheckReport';

/** How often the page reads the env's status while the grader checks it. */
const POLL_MS = 1_000;

/** Whether the grader's check is over. */
const settled = (env: CustomEnvView) => env.status === 'accepted' || env.status === 'rejected';

/**
 * Uploads a custom env (a JS/TS module, or a Python env.py / zip of env.py and its assets); the grader
 * checks it (a queue job, like a submission: checkEnv, or Gymnasium's check_env for Python), and the
 * page follows its status live — queued, running, then accepted or rejected with the report.
 */
export function CustomEnvUpload({ courseId }: { courseId: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const [result, setResult] = useState<CustomEnvView | null>(null);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    return run(async () => {
      setResult(null);
      let env = await uploadCustomEnv(courseId, form);
      setResult(env);
      while (!settled(env)) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        const envs = await apiSend(
          api.courses[':courseId']['custom-envs'].$get(
            { param: { courseId } },
            { init: { cache: 'no-store' } },
          ),
        );
        const now = envs.find((x) => x.id === env.id);
        if (now === undefined) throw new Error(`the env ${env.envId} is gone`);
        env = now;
        setResult(env);
      }
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
          {busy ? 'Checking on the grader…' : 'Upload and check'}
        </button>
        <FormError error={error} />
      </form>
      {result && <CheckReport env={result} />}
    </div>
  );
}
