import Link from 'next/link';
import type { ReactNode } from 'react';

/** The line above a page's title that leads back up (`← children`), then any further links (`after`). */
export function BackLink({
  href,
  children,
  after,
}: {
  href: string;
  children: ReactNode;
  after?: ReactNode;
}) {
  return (
    <p className="small">
      <Link href={href}>← {children}</Link>
      {after}
    </p>
  );
}
