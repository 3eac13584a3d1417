import { defineConfig } from "drizzle-kit";

// Only used to generate migrations from db/schema/; the app applies them itself at start-up.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
