import Link from 'next/link';

/** The 404 page: the thing does not exist, or the viewer may not see it. */
export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p className="muted">This page does not exist, or it belongs to a course you are not enrolled in.</p>
      <p>
        <Link href="/courses">Back to your courses</Link>
      </p>
    </main>
  );
}
