'use client';
import { useRouter } from 'next/navigation';
import { useCallback } from 'react';
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
