import { openDatabase } from '../lib/db/client';

/**
 * Applies the migrations once before the test files start, so that parallel test files on one
 * PostgreSQL database do not race to create the schema. PGlite test databases live in memory
 * and are migrated by each file that opens one.
 */
export default async function globalSetup(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) return;

  const handle = await openDatabase({ url });
  await handle.close();
}
