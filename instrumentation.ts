/**
 * Next.js calls `register()` once when a server instance starts. Only the Node.js runtime opens
 * the database and starts the first run worker; the edge runtime has no file system or sockets
 * for them.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;

  const { startServer } = await import('./lib/server-start');
  await startServer();

  const { warmRunWorkers } = await import('./lib/run-worker');
  warmRunWorkers();
}
