// Starts the production server: builds first when no build exists, then runs `next start` with
// the flags isolated-vm needs. Used by `npm start`.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(
    `Flowscope needs Node.js 24 or newer; this is ${process.version}.\n` +
      'Install it with nvm (`nvm install`, which reads .nvmrc) or run `. scripts/use-node24.sh`.\n',
  );
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --no-node-snapshot`.trim(),
  // Next.js would otherwise try to send usage data to its servers.
  NEXT_TELEMETRY_DISABLED: '1',
};
const nextBin = 'node_modules/next/dist/bin/next';

if (!existsSync('.next/BUILD_ID')) {
  process.stderr.write('No production build found; running `next build` first.\n');
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const port = process.env.PORT ?? '3000';
const server = spawnSync(process.execPath, [nextBin, 'start', '--port', port], {
  stdio: 'inherit',
  env,
});
process.exit(server.status ?? 1);
