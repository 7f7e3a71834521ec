'use client';
import { useRouter } from 'next/navigation';
import { api, apiSend } from '~/lib/client/api-client';

/** Ends the session and goes to the landing page. */
export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        await apiSend(api.auth.signout.$post());
        router.push('/');
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
