'use client';
import Link from 'next/link';

/** What a page shows when loading it failed (the server logged the cause under `digest`). */
export default function PageError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <main>
      <h1>This page could not be shown</h1>
      <p className="error" role="alert">
        {error.message || 'The server could not load this page.'}
        {error.digest && <span className="muted small"> (reference {error.digest})</span>}
      </p>
      <p className="row">
        <button type="button" onClick={reset}>
          Try again
        </button>
        <Link href="/courses">Back to your courses</Link>
      </p>
    </main>
  );
}
