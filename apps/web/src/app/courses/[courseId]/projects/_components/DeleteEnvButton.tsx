'use client';
import { useRouter } from 'next/navigation';
import { FormError } from '~/components/forms/FormError';
import { useAction } from '~/components/forms/useAction';
import { api, apiSend } from '~/lib/client/api-client';

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
            await apiSend(
              api.courses[':courseId']['custom-envs'][':customEnvId'].$delete({
                param: { courseId, customEnvId: id },
              }),
            );
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
