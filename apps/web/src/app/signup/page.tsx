import Link from 'next/link';
import { AuthForm } from '~/components/auth/AuthForm';

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ next?: string }> }) {
  const { next } = await searchParams;
  return (
    <main>
      <div className="card">
        <h1>Create an account</h1>
        <AuthForm mode="signup" {...(next === undefined ? {} : { next })} />
        <p className="muted small">
          Already registered? <Link href="/signin">Sign in</Link>. Use the email your course roster lists: you
          are enrolled automatically.
        </p>
      </div>
    </main>
  );
}
