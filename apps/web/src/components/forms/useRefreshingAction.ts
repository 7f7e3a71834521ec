'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useCallback } from 'react';
import { useAction } from './useAction';

/**
 * {@link useAction} for a change made through the API: after the action succeeds the page's server data
 * is read again (`router.refresh()`). Also hands out the router, for actions that navigate instead.
 */
export function useRefreshingAction() {
  const router = useRouter();
  const { busy, error, run } = useAction();
  const change = useCallback(
    (action: () => Promise<unknown>) =>
      run(async () => {
        await action();
        router.refresh();
      }),
    [run, router],
  );
  return { busy, error, run, change, router };
}

/**
 * A form's submit handler for a change made through the API: `action` gets the submitted fields; then
 * the page opens the path `action` returned, if any, and its server data is read again.
 */
export function useFormChange(action: (fields: FormData) => Promise<string | undefined>) {
  const { busy, error, change, router } = useRefreshingAction();
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const fields = new FormData(e.currentTarget);
    return change(async () => {
      const next = await action(fields);
      if (next !== undefined) router.push(next);
    });
  };
  return { busy, error, onSubmit };
}
