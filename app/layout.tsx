import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { AppHeader } from '@/components/ui/AppHeader';
import { Toaster } from '@/components/ui/Toaster';
import '@/components/ui/ui.css';
import { getSessionTenant } from '@/lib/session';

import './globals.css';

export const metadata: Metadata = {
  title: 'Flowscope',
  description: 'Build workflows, run them, and see exactly what happened.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const tenant = await getSessionTenant();

  return (
    <html lang="en">
      <body>
        <Toaster>
          <AppHeader tenantSlug={tenant?.slug ?? null} />
          {children}
        </Toaster>
      </body>
    </html>
  );
}
