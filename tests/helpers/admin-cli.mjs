// Runs the admin CLI (`npm run admin -- …`) as operators do, as a real process on an app's storage.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

// The command behind `npm run admin`, run without npm in between (npm adds its own noise and seconds).
function adminCommand() {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const [program, ...args] = scripts.admin.split(/\s+/);
  if (program !== "node") throw new Error(`unexpected admin script: ${scripts.admin}`);
  return { program: process.execPath, args };
}

/**
 * Runs one CLI command on the storage (its DATABASE_URL, else its data folder) and resolves with the
 * exit code and output; never rejects for a non-zero exit.
 * @param {{ dataDir: string, databaseUrl: string | null }} storage
 * @param {string[]} args
 */
export function runAdmin(storage, args) {
  const { program, args: base } = adminCommand();
  return new Promise((resolve, reject) => {
    execFile(
      program,
      [...base, ...args],
      {
        cwd: root,
        env: {
          ...process.env,
          NEXT_TELEMETRY_DISABLED: "1",
          DATA_DIR: storage.dataDir,
          DATABASE_URL: storage.databaseUrl ?? "",
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        const lines = stdout.trimEnd().split("\n");
        resolve({ code: error ? error.code : 0, stdout, stderr, lastLine: lines.at(-1) ?? "" });
      },
    );
  });
}

/**
 * Runs a command that must succeed and returns its last line (an id, a key).
 * @param {{ dataDir: string, databaseUrl: string | null }} storage
 * @param {string[]} args
 */
export async function admin(storage, args) {
  const result = await runAdmin(storage, args);
  if (result.code !== 0) {
    throw new Error(`admin ${args.join(" ")} exited with ${result.code}:\n${result.stdout}${result.stderr}`);
  }
  return result.lastLine;
}
