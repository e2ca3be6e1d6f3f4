import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65535);
const positive = z.coerce.number().int().min(1);

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
  ROSTER_DB_POOL_MAX: positive.max(200).default(10),
  ROSTER_CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ message: 'must list full origins such as https://admin.example.com' }))),
  ROSTER_SHUTDOWN_TIMEOUT_MS: positive.default(10_000),
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
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid configuration:\n${lines.join('\n')}`);
}
