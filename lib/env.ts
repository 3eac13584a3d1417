import "server-only";
import path from "node:path";
import { z } from "zod";

// The only place that reads process.env: everything else asks for `env()`.
const envSchema = z.object({
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  API_TOKEN: z.string().min(16, "API_TOKEN must be at least 16 characters").optional(),
});

export type Env = z.infer<typeof envSchema> & { dataDir: string };

export function env(): Env {
  const parsed = envSchema.parse({
    DATABASE_URL: process.env.DATABASE_URL || undefined,
    DATA_DIR: process.env.DATA_DIR || undefined,
    API_TOKEN: process.env.API_TOKEN || undefined,
  });
  return { ...parsed, dataDir: path.resolve(parsed.DATA_DIR) };
}
