import './globals.css';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SiteHeader } from '~/components/layout/SiteHeader';
import { api, apiTry } from '~/lib/server-api';

export const metadata: Metadata = {
  title: 'Critic',
  description: 'Auto-grading and leaderboards for RL courses',
};

export const dynamic = 'force-dynamic';

export default async function RootLayout({ children }: { children: ReactNode }) {
  const me = await apiTry(api.me.$get());
  return (
    <html lang="en">
      <body>
        <SiteHeader me={me.ok ? me.data : null} />
        {children}
      </body>
    </html>
  );
}
