'use client';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { api, apiSend } from '~/lib/client/api-client';
import { fieldText } from '~/lib/client/form-fields';

/**
 * Sign-in or sign-up form. Signing in goes to `next` (only a same-site path) or the course list; signing
 * up says where the link that confirms the address (and signs in) was mailed.
 */
export function AuthForm({ mode, next }: { mode: 'signin' | 'signup'; next?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const email = fieldText(data, 'email');
      const password = String(data.get('password') ?? '');
      if (mode === 'signup') {
        const answer = await apiSend(
          api.auth.signup.$post({ json: { name: fieldText(data, 'name'), email, password } }),
        );
        setNotice(answer.message);
        setBusy(false);
        return;
      }
      await apiSend(api.auth.signin.$post({ json: { email, password } }));
      router.push(next?.startsWith('/') && !next.startsWith('//') ? next : '/courses');
      router.refresh();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  }
  return (
    <form className="stack" onSubmit={onSubmit} aria-label={mode === 'signin' ? 'Sign in' : 'Sign up'}>
      {mode === 'signup' && (
        <label>
          Name
          <input name="name" required autoComplete="name" />
        </label>
      )}
      <label>
        Email
        <input name="email" type="email" required autoComplete="email" />
      </label>
      <label>
        Password
        <input
          name="password"
          type="password"
          required
          minLength={mode === 'signup' ? 10 : undefined}
          autoComplete={mode === 'signup' ? 'new-password' : 'current-password'}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <button type="submit" disabled={busy}>
        {mode === 'signin' ? 'Sign in' : 'Create account'}
      </button>
    </form>
  );
}
