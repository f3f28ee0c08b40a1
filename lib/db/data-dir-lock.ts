import { open, readFile, unlink } from 'node:fs/promises';
import path from 'node:path';

export class DataDirLockedError extends Error {
  readonly code = 'DATA_DIR_LOCKED';

  constructor(
    readonly dir: string,
    readonly ownerPid: number,
  ) {
    super(
      `The embedded database in "${dir}" is in use by process ${ownerPid}. ` +
        'PGlite allows one process at a time: stop that process (the app or another command), ' +
        'or set DATABASE_URL to use a PostgreSQL server.',
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * Takes the lock file of a PGlite folder, because two processes writing one PGlite folder corrupt
 * it. A lock left by a process that no longer exists is taken over. Returns the release function.
 */
export async function acquireDataDirLock(dir: string): Promise<() => Promise<void>> {
  const lockPath = path.join(dir, 'flowscope.lock');

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(lockPath).catch(() => {});
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;

      const ownerPid = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      if (Number.isInteger(ownerPid) && ownerPid !== process.pid && isProcessAlive(ownerPid)) {
        throw new DataDirLockedError(dir, ownerPid);
      }

      await unlink(lockPath).catch(() => {});
    }
  }

  throw new Error(`Could not take the lock file "${lockPath}"; remove it if no process uses it.`);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
