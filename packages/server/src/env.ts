import { z } from 'zod';

const portMessage = 'must be a whole number from 0 to 65535';
const port = z.coerce.number({ error: portMessage }).int(portMessage).min(0, portMessage).max(65535, portMessage);
const positiveMessage = 'must be a whole number of at least 1';
const positive = z.coerce.number({ error: positiveMessage }).int(positiveMessage).min(1, positiveMessage);

/** A browser origin (`Origin` header value): scheme, host and port, no path and no trailing slash. */
const origin = z.string().superRefine((value, ctx) => {
  let parsed: URL | null = null;
  try {
    parsed = new URL(value);
  } catch {}
  if (!parsed || !['http:', 'https:'].includes(parsed.protocol) || parsed.origin !== value) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not an origin such as https://admin.example.com (no path, no trailing slash)` });
  }
});

const schema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  ROSTER_DATA_DIR: z.string().min(1).default('.roster'),
  ROSTER_PG_PORT: port.default(54329),
  ROSTER_API_KEY: z.string().min(20, 'must be at least 20 characters').optional(),
  ROSTER_DB_POOL_MAX: positive.max(200, 'must be at most 200').default(10),
  ROSTER_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(origin)),
  ROSTER_SHUTDOWN_TIMEOUT_MS: positive.default(10_000),
  /** REST requests per second per team, across all its keys and processes (token bucket). */
  ROSTER_RATE_LIMIT: positive.max(100_000, 'must be at most 100000').default(100),
  ROSTER_MAX_IMPORT_BYTES: positive.default(200 * 1024 * 1024),
  /** Imports this process runs at once; 0 runs none (use `roster worker` processes). */
  ROSTER_IMPORT_CONCURRENCY: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0).max(32).default(2),
  /** Bearer token for GET /metrics (Prometheus); unset, /metrics is off. */
  ROSTER_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ROSTER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** `json` lines (the default when stdout is not a terminal) or `pretty` for reading. */
  ROSTER_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

/**
 * Reads and checks the configuration; the only place `process.env` is read. A bad value stops
 * the start with a message naming the variable.
 */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  // Name the variable only: `ROSTER_CORS_ORIGINS`, not `ROSTER_CORS_ORIGINS.0` (the message quotes the bad item).
  const lines = result.error.issues.map((issue) => `  ${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
}
