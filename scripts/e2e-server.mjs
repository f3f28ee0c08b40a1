// The web server of the end-to-end tests: the production build, built first when missing.
// Playwright starts it with PORT and FLOWSCOPE_DATA_DIR set to a free port and a fresh folder.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const env = { ...process.env, NODE_OPTIONS: '--no-node-snapshot', NEXT_TELEMETRY_DISABLED: '1' };
const nextBin = 'node_modules/next/dist/bin/next';

if (!existsSync('.next/BUILD_ID')) {
  const build = spawnSync(process.execPath, [nextBin, 'build'], { stdio: 'inherit', env });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(
  process.execPath,
  [nextBin, 'start', '--hostname', '127.0.0.1', '--port', process.env.PORT ?? '3000'],
  { stdio: 'inherit', env },
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code) => process.exit(code ?? 0));
