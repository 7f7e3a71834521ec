import Link from 'next/link';
import { AuthForm } from '~/components/auth/AuthForm';

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main>
      <div className="card">
        <h1>Sign in</h1>
        <AuthForm mode="signin" {...(next === undefined ? {} : { next })} />
        <p className="muted small">
          No account yet? <Link href="/signup">Sign up</Link>
        </p>
      </div>
    </main>
  );
}
