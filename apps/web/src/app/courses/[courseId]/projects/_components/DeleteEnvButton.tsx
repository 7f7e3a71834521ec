'use client';
import { FormError } from '~/components/forms/FormError';
import { useRefreshingAction } from '~/components/forms/useRefreshingAction';
import { api, apiSend } from '~/lib/client/api-client';

/** Deletes a refused env attempt (its name becomes free again). */
export function DeleteEnvButton({ courseId, envId, id }: { courseId: string; envId: string; id: string }) {
  const { busy, error, change } = useRefreshingAction();
  return (
    <span>
      <button
        type="button"
        className="secondary"
        disabled={busy}
        onClick={() =>
          change(() =>
            apiSend(
              api.courses[':courseId']['custom-envs'][':customEnvId'].$delete({
                param: { courseId, customEnvId: id },
              }),
            ),
          )
        }
      >
        Delete {envId}
      </button>
      <FormError error={error} />
    </span>
  );
}
