'use client';
import { useRouter } from 'next/navigation';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { send } from '~/lib/client/send';

/** Deletes a refused env attempt (its name becomes free again). */
export function DeleteEnvButton({ courseId, envId, id }: { courseId: string; envId: string; id: string }) {
  const router = useRouter();
  const { busy, error, run } = useAction();
  return (
    <span>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() =>
          run(async () => {
            await send('DELETE', `/api/courses/${courseId}/custom-envs/${id}`);
            router.refresh();
          })
        }
      >
        Delete {envId}
      </button>
      <FormError error={error} />
    </span>
  );
}
