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
