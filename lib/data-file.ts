import "server-only";
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

// Generated credentials kept in the data folder (API tokens, the encryption key) are created here.
// Synchronous on purpose: each file is read once per process, and the encryption key must be at hand
// where stored secrets are turned into API answers, which are synchronous.

/** The file's text, or null when it does not exist. */
export function readDataFile(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/**
 * Creates `file` with `content`, readable by the owner only, unless it exists; true if this call created it.
 * The file appears complete or not at all (written aside, then hard-linked into place, which fails rather
 * than replaces), so processes starting together keep the first one's content and agree on it.
 */
export function createDataFileOnce(file: string, content: string): boolean {
  mkdirSync(path.dirname(file), { recursive: true });
  const draft = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(draft, content, { mode: 0o600, flag: "wx" });
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

export type DataFileSource = "env" | "file" | "generated";

/**
 * "The configured value, else the one stored in the data folder, else a new one stored there": the one way a
 * generated credential is kept (API tokens, the sign-in secret, the encryption key). `read` turns the file's
 * text into the value, or throws with what to do when the text is unusable; `generate` makes a new value and
 * the text to store. The new file is created atomically, so processes starting together agree on one value.
 */
export function loadDataFileValue<T>(options: {
  configured: T | undefined;
  file: string;
  read: (text: string, file: string) => T;
  generate: () => { value: T; text: string };
}): { value: T; source: DataFileSource; file: string | null } {
  const { configured, file, read, generate } = options;
  if (configured) return { value: configured, source: "env", file: null };
  const stored = readDataFile(file);
  if (stored !== null) return { value: read(stored, file), source: "file", file };
  const fresh = generate();
  if (createDataFileOnce(file, fresh.text)) return { value: fresh.value, source: "generated", file };
  // Another process created it first: its value is the one.
  const winner = readDataFile(file);
  if (winner === null) throw new Error(`The file ${file} vanished while it was being created.`);
  return { value: read(winner, file), source: "file", file };
}

const MIN_TOKEN_LENGTH = 16;

export type LoadedToken = { token: string; source: DataFileSource; file: string | null };

/** A secret token (API tokens, the sign-in secret): `value`, else the one in the data folder, else a new one. */
export async function loadToken(options: {
  value?: string;
  dataDir: string;
  fileName: string;
}): Promise<LoadedToken> {
  const { value, source, file } = loadDataFileValue({
    configured: options.value,
    file: path.join(options.dataDir, options.fileName),
    read: (text, file) => {
      const token = text.trim();
      if (token.length < MIN_TOKEN_LENGTH) {
        throw new Error(
          `The API token in ${file} is shorter than ${MIN_TOKEN_LENGTH} characters. ` +
            "Delete the file to have a new one generated, or set API_TOKEN.",
        );
      }
      return token;
    },
    generate: () => {
      const token = randomBytes(32).toString("base64url");
      return { value: token, text: `${token}\n` };
    },
  });
  return { token: value, source, file };
}
