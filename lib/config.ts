import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  FLOWSCOPE_DATA_DIR: z.string().min(1).default('.data'),
  PORT: z.coerce.number().int().min(1).max(65_535).default(3000),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  /** Comma-separated host:port entries that `http` blocks may reach. */
  FLOWSCOPE_HTTP_ALLOW: z.string().default(''),
  /** Upper bound of a run's `maxExecutionTimeMs`, whatever the run requests. */
  FLOWSCOPE_MAX_EXECUTION_TIME_MS: z.coerce.number().int().positive().default(120_000),
  /** Upper bound of a run's `maxSteps`. */
  FLOWSCOPE_MAX_STEPS: z.coerce.number().int().positive().default(100_000),
  /** Memory limit of a run's sandbox isolate, in megabytes. */
  FLOWSCOPE_ISOLATE_MEMORY_MB: z.coerce.number().int().min(8).max(4096).default(64),
  /**
   * Worker processes that execute runs, one run each at a time; 0 runs them in the server's own
   * process, where a sandbox that crashes V8 takes the server down with it.
   */
  FLOWSCOPE_RUN_WORKERS: z.coerce.number().int().min(0).max(64).default(4),
});

export type AppConfig = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID';

  constructor(readonly problems: string[]) {
    super(
      `Invalid environment configuration:\n${problems.map((line) => `  - ${line}`).join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses the environment, listing every bad key at once. Empty strings count as unset, so
 * `DATABASE_URL=` selects the embedded database.
 */
export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);

  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      return `${key}=${JSON.stringify(present[key] ?? '')}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }

  return result.data;
}

let cached: AppConfig | undefined;

/** The process configuration, parsed once from `process.env`. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Parses `FLOWSCOPE_HTTP_ALLOW` into lowercase `host:port` entries. */
export function httpAllowList(config: AppConfig = getConfig()): string[] {
  return config.FLOWSCOPE_HTTP_ALLOW.split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
}
