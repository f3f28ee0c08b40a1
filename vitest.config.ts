import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'engine/**/*.test.ts',
      'lib/**/*.test.ts',
      'components/**/*.test.ts',
      'components/**/*.test.tsx',
      'app/**/*.test.ts',
      'scripts/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    pool: 'forks',
    // isolated-vm requires the V8 startup snapshot off in every process that loads it.
    execArgv: ['--no-node-snapshot'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    globalSetup: ['test/global-setup.ts'],
    // Run logs would bury the test report; LOG_LEVEL=info brings them back.
    env: { LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
  },
  resolve: {
    alias: { '@': new URL('.', import.meta.url).pathname },
  },
});
