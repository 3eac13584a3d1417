// Runs the admin CLI (`npm run admin -- …`) as operators do, as a real process on an app's storage.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { START_TIMEOUT_MS } from "./app-process.mjs";

const root = path.resolve(import.meta.dirname, "../..");

// The command behind `npm run admin`, run without npm in between (npm adds its own noise and seconds).
function adminCommand() {
  const { scripts } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const [program, ...args] = scripts.admin.split(/\s+/);
  if (program !== "node") throw new Error(`unexpected admin script: ${scripts.admin}`);
  return { program: process.execPath, args };
}

// Runs the CLI with `args` (and `input` on its standard input) on the storage; resolves with its exit code
// and output, never rejects for a non-zero exit.
function execute(storage, args, input) {
  const { program, args: base } = adminCommand();
  return new Promise((resolve, reject) => {
    const child = execFile(
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
        timeout: START_TIMEOUT_MS,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== "number") return reject(error);
        resolve({ code: error ? error.code : 0, stdout, stderr });
      },
    );
    child.stdin?.end(input ?? "");
  });
}

/**
 * Runs one CLI command on the storage (its DATABASE_URL, else its data folder) and resolves with the
 * exit code and output; never rejects for a non-zero exit.
 * @param {{ dataDir: string, databaseUrl: string | null }} storage
 * @param {string[]} args
 */
export async function runAdmin(storage, args) {
  const result = await execute(storage, args);
  const lines = result.stdout.trimEnd().split("\n");
  return { ...result, lastLine: lines.at(-1) ?? "" };
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

/**
 * Runs `npm run admin -- batch` with `input` on its standard input. `outputs` holds each command's output,
 * as the empty line after each separates them.
 * @param {{ dataDir: string, databaseUrl: string | null }} storage
 * @param {string} input
 */
export async function runAdminBatch(storage, input) {
  const result = await execute(storage, ["batch"], input);
  const outputs = result.stdout.split(/\n\n/).filter((output) => output !== "");
  return { ...result, outputs };
}

// Quotes a word for a batch line: in single quotes, a single quote as '\'' (as a shell would take it).
const quote = (word) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs several commands, each an argument list as `admin` takes it, in one CLI process (one start and one
 * visit to the database instead of one each); all must succeed. Returns each command's last line.
 * @param {{ dataDir: string, databaseUrl: string | null }} storage
 * @param {string[][]} commands
 */
export async function adminBatch(storage, commands) {
  const input = commands.map((args) => args.map(quote).join(" ")).join("\n");
  const result = await runAdminBatch(storage, input);
  if (result.code !== 0 || result.outputs.length !== commands.length) {
    throw new Error(`admin batch exited with ${result.code}:\n${input}\n${result.stdout}${result.stderr}`);
  }
  return result.outputs.map((output) => output.split("\n").at(-1) ?? "");
}
