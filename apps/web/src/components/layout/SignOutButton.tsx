'use client';
import { useRouter } from 'next/navigation';
import { send } from '~/lib/client/send';

/** Ends the session and goes to the landing page. */
export function SignOutButton() {
  const router = useRouter();
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        await send('POST', '/api/auth/signout');
        router.push('/');
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
