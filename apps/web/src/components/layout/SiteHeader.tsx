import Link from 'next/link';
import type { Me } from '~/lib/client/api-contract';
import { SignOutButton } from './SignOutButton';

/** The top bar: brand, the viewer's courses, tokens, API docs and sign-out (or sign-in links). */
export function SiteHeader({ me }: { me: Me | null }) {
  return (
    <header className="site-header">
      <nav aria-label="Main">
        <Link href={me ? '/courses' : '/'} className="brand">
          Critic
        </Link>
        {me && <Link href="/courses">Courses</Link>}
        {me?.courses.map((c) => (
          <Link key={c.id} href={`/courses/${c.id}`}>
            {c.slug}
          </Link>
        ))}
        <span className="spacer" />
        <Link href="/api-docs">API</Link>
        {me ? (
          <>
            <Link href="/settings/tokens">Tokens</Link>
            <span className="who" data-testid="viewer-name">
              {me.user.name}
            </span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="button">
              Sign up
            </Link>
          </>
        )}
      </nav>
    </header>
  );
}
