import { parseArgs } from "node:util";
import type { KeyKind, KeyScope, Role } from "@/db/schema";
import { readIssueMessage } from "@/lib/validation/issues";
import { MAX_NAME_LENGTH } from "@/lib/validation/text";
import { ROLES } from "@/lib/workspaces/roles";
import { workspaceNameSchema } from "@/lib/workspaces/schema";

// The admin CLI's commands, parsed and checked without touching the database: what scripts/admin.ts runs.

export type AdminCommand =
  | { name: "help" }
  | { name: "batch" }
  | { name: "user create"; email: string; password: string; displayName: string | null }
  | { name: "workspace create"; workspaceName: string; ownerEmail: string }
  | { name: "member add"; workspaceId: string; email: string; role: Role }
  | {
      name: "key create";
      workspaceId: string;
      kind: KeyKind;
      /** An API key's scope; null for an event key, which has one right: sending events. */
      scope: KeyScope | null;
      expiresAt: Date | null;
      keyName: string;
    }
  | { name: "key revoke"; key: string };

export type ParsedCommand = { ok: true; command: AdminCommand } | { ok: false; error: string };

/** A command of a batch, with the line of standard input it came from. */
export type BatchCommand = { line: number; command: Exclude<AdminCommand, { name: "help" | "batch" }> };

export type ParsedBatch = { ok: true; commands: BatchCommand[] } | { ok: false; error: string };

/** Exit codes: 0 done, 1 refused or failed while running (unknown email, folder in use…), 2 bad usage. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  user create --email E --password P [--name N]
      Creates a user who signs in with this email and password.
  workspace create --name N --owner E
      Creates a workspace owned by the user with email E; prints its id on the last line.
  member add --workspace ID --email E --role owner|editor|viewer
      Adds the user to the workspace with the role, or changes the role of a member.
  key create --workspace ID --kind api --scope read|write|read_write [--expires ISO-8601] [--name N]
  key create --workspace ID --kind event [--expires ISO-8601] [--name N]
      Creates a key: "api" for /api/v1, with a scope; "event" for the internal event routes, where it
      sends events (its only right, so it takes no --scope).
      Prints the key (shown only this once) alone on the last line.
      --expires takes a date (2026-12-31, midnight UTC) or a date and time with its zone
      (2026-12-31T18:00:00Z, 2026-12-31T18:00:00+01:00).
  key revoke --key K
      Revokes the key at once.
  batch
      Reads commands from standard input, one a line, as they would follow "npm run admin --"
      ('single' and "double" quotes group words; blank lines and lines starting with # are skipped).
      Every line is checked before the first one runs; then they run in order on one connection,
      each printing what it prints alone, followed by an empty line. The first command that fails
      stops the batch (exit code 1): the ones before it stay done.
  help
      Shows this text.

Runs on DATABASE_URL, else on the embedded database in DATA_DIR (default ./.data). The embedded
database can be opened by one process only: stop the app first, or use DATABASE_URL.`;

export const KINDS: readonly KeyKind[] = ["api", "event"];
export const SCOPES: readonly KeyScope[] = ["read", "write", "read_write"];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Deliberately loose: one @, something either side, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const KEY = /^hks_(api|evt)_[A-Za-z0-9_-]+$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

type Spec = { required: readonly string[]; optional: readonly string[] };

const SPECS: Record<Exclude<AdminCommand["name"], "help" | "batch">, Spec> = {
  "user create": { required: ["email", "password"], optional: ["name"] },
  "workspace create": { required: ["name", "owner"], optional: [] },
  "member add": { required: ["workspace", "email", "role"], optional: [] },
  "key create": { required: ["workspace", "kind"], optional: ["scope", "expires", "name"] },
  "key revoke": { required: ["key"], optional: [] },
};

const ALL_OPTIONS = [
  "email",
  "password",
  "name",
  "owner",
  "workspace",
  "role",
  "kind",
  "scope",
  "expires",
  "key",
];

class UsageError extends Error {}

/** Parses the CLI's arguments (without `node script`); `now` decides whether an expiry lies in the past. */
export function parseAdminArgs(argv: readonly string[], now: Date = new Date()): ParsedCommand {
  try {
    return { ok: true, command: parse(argv, now) };
  } catch (error) {
    if (error instanceof UsageError) return { ok: false, error: error.message };
    // parseArgs' own errors: unknown option, missing value, value given to a flag.
    const code = (error as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      return { ok: false, error: (error as Error).message };
    }
    throw error;
  }
}

function parse(argv: readonly string[], now: Date): AdminCommand {
  const options: Record<string, { type: "string" } | { type: "boolean"; short: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const option of ALL_OPTIONS) options[option] = { type: "string" };
  const { values, positionals } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0 && !values.help) {
    throw new UsageError(`No command given. Run "npm run admin -- help" for the list.`);
  }
  if (values.help || positionals[0] === "help") {
    if (positionals.length > 1 && positionals[0] === "help") {
      throw new UsageError(`"help" takes no arguments.`);
    }
    return { name: "help" };
  }
  if (positionals[0] === "batch") {
    const extra = positionals[1] ?? ALL_OPTIONS.find((option) => values[option] !== undefined);
    if (extra !== undefined) {
      throw new UsageError(`"batch" takes no arguments: it reads its commands from standard input.`);
    }
    return { name: "batch" };
  }

  const name = positionals.slice(0, 2).join(" ");
  if (!(name in SPECS)) {
    throw new UsageError(
      `Unknown command "${positionals.join(" ")}". Run "npm run admin -- help" for the list.`,
    );
  }
  if (positionals.length > 2) {
    throw new UsageError(`Unexpected argument "${positionals[2]}" after "${name}".`);
  }
  const commandName = name as keyof typeof SPECS;
  const spec = SPECS[commandName];
  const given = values as Record<string, string | undefined>;
  for (const option of ALL_OPTIONS) {
    if (given[option] !== undefined && !spec.required.includes(option) && !spec.optional.includes(option)) {
      throw new UsageError(`"${name}" takes no --${option} option.`);
    }
  }
  const missing = spec.required.filter((option) => given[option] === undefined);
  if (missing.length > 0) {
    const list = missing.map((option) => `--${option}`).join(", ");
    throw new UsageError(`"${name}" needs ${list}. Run "npm run admin -- help" for the usage.`);
  }
  const value = (option: string) => given[option] as string;

  switch (commandName) {
    case "user create":
      return {
        name: commandName,
        email: email(value("email"), "--email"),
        password: value("password"),
        displayName: given.name === undefined ? null : text(value("name"), "--name"),
      };
    case "workspace create":
      return {
        name: commandName,
        workspaceName: workspaceName(value("name")),
        ownerEmail: email(value("owner"), "--owner"),
      };
    case "member add":
      return {
        name: commandName,
        workspaceId: workspaceId(value("workspace")),
        email: email(value("email"), "--email"),
        role: oneOf(value("role"), ROLES, "--role"),
      };
    case "key create": {
      const kind = oneOf(value("kind"), KINDS, "--kind");
      if (kind === "api" && given.scope === undefined) {
        throw new UsageError(`An API key needs --scope: one of ${SCOPES.join(", ")}.`);
      }
      if (kind === "event" && given.scope !== undefined) {
        throw new UsageError(
          "An event key takes no --scope: it has one right, sending events. Leave --scope out.",
        );
      }
      return {
        name: commandName,
        workspaceId: workspaceId(value("workspace")),
        kind,
        scope: kind === "api" ? oneOf(value("scope"), SCOPES, "--scope") : null,
        expiresAt: given.expires === undefined ? null : expiry(value("expires"), now),
        keyName:
          given.name === undefined
            ? `${kind === "api" ? "API" : "Event"} key (admin CLI)`
            : text(value("name"), "--name"),
      };
    }
    case "key revoke": {
      const key = value("key").trim();
      if (!KEY.test(key)) {
        throw new UsageError(`--key must be a key as "key create" prints it (hks_api_… or hks_evt_…).`);
      }
      return { name: commandName, key };
    }
  }
}

/**
 * Parses a batch (the text on standard input), every line before any runs; a bad line refuses the whole
 * batch, naming the line.
 */
export function parseAdminBatch(input: string, now: Date = new Date()): ParsedBatch {
  const commands: BatchCommand[] = [];
  const lines = input.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    const number = index + 1;
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const words = splitWords(trimmed);
    const parsed = words.ok ? parseAdminArgs(words.words, now) : words;
    if (!parsed.ok) return { ok: false, error: `line ${number}: ${parsed.error}` };
    const { command } = parsed;
    if (command.name === "help" || command.name === "batch") {
      return { ok: false, error: `line ${number}: "${command.name}" cannot run inside a batch.` };
    }
    commands.push({ line: number, command });
  }
  if (commands.length === 0) {
    return { ok: false, error: "The batch is empty: give one command a line on standard input." };
  }
  return { ok: true, commands };
}

/**
 * Splits a line into words as a POSIX shell would for plain words: blanks separate, 'single quotes' keep
 * everything, "double quotes" keep everything but \" and \\, and a backslash outside quotes escapes the
 * next character. No variables, globs or other expansions.
 */
export function splitWords(line: string): { ok: true; words: string[] } | { ok: false; error: string } {
  const words: string[] = [];
  let word: string | null = null;
  let index = 0;
  const take = (text: string) => {
    word = (word ?? "") + text;
  };
  while (index < line.length) {
    const char = line[index] as string;
    if (char === " " || char === "\t") {
      if (word !== null) words.push(word);
      word = null;
      index += 1;
    } else if (char === "'") {
      const end = line.indexOf("'", index + 1);
      if (end === -1) return { ok: false, error: "A single quote is not closed." };
      take(line.slice(index + 1, end));
      index = end + 1;
    } else if (char === '"') {
      let quoted = "";
      index += 1;
      for (;;) {
        if (index >= line.length) return { ok: false, error: "A double quote is not closed." };
        const inner = line[index] as string;
        const next = line[index + 1];
        if (inner === '"') break;
        if (inner === "\\" && (next === '"' || next === "\\")) {
          quoted += next;
          index += 2;
        } else {
          quoted += inner;
          index += 1;
        }
      }
      take(quoted);
      index += 1;
    } else if (char === "\\") {
      const next = line[index + 1];
      if (next === undefined) return { ok: false, error: "A backslash ends the line." };
      take(next);
      index += 2;
    } else {
      take(char);
      index += 1;
    }
  }
  if (word !== null) words.push(word);
  return { ok: true, words };
}

function text(raw: string, option: string): string {
  const trimmed = raw.trim();
  if (trimmed.length === 0) throw new UsageError(`${option} must not be empty.`);
  if (trimmed.length > MAX_NAME_LENGTH) {
    throw new UsageError(`${option} may have at most ${MAX_NAME_LENGTH} characters.`);
  }
  if (/\p{Cc}/u.test(trimmed)) throw new UsageError(`${option} must not contain control characters.`);
  return trimmed;
}

// The app's own rule for workspace names (lib/workspaces/schema.ts), its message keys in the CLI's words
// for an operator. Not through next-intl: the CLI runs under the react-server condition, where its client
// build fails to load.
const cliNameMessages: Record<string, (values?: Record<string, string | number>) => string> = {
  nameRequired: () => "--name must not be empty.",
  nameTooLong: (values) => `--name may have at most ${values?.max} characters.`,
  textInvisible: () => "--name must not contain control or direction-override characters.",
};

function workspaceName(raw: string): string {
  const parsed = workspaceNameSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const keyed = readIssueMessage(parsed.error.issues[0]?.message ?? "");
  const words = keyed ? cliNameMessages[keyed.key]?.(keyed.values) : undefined;
  throw new UsageError(words ?? "--name is not valid.");
}

function email(raw: string, option: string): string {
  const trimmed = raw.trim().toLowerCase();
  if (!EMAIL.test(trimmed)) throw new UsageError(`${option} must be an email address, not "${raw}".`);
  return trimmed;
}

function workspaceId(raw: string): string {
  const trimmed = raw.trim().toLowerCase();
  if (!UUID.test(trimmed)) {
    throw new UsageError(
      `--workspace must be a workspace id (a UUID as "workspace create" prints it), not "${raw}".`,
    );
  }
  return trimmed;
}

function oneOf<T extends string>(raw: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(raw)) return raw as T;
  throw new UsageError(`${option} must be one of ${allowed.join(", ")}, not "${raw}".`);
}

/** An ISO-8601 date (midnight UTC) or date and time with a zone, that lies in the future. */
export function expiry(raw: string, now: Date): Date {
  const invalid = () =>
    new UsageError(
      `--expires must be an ISO-8601 date or date and time with its zone ` +
        `(2026-12-31 or 2026-12-31T18:00:00Z), not "${raw}".`,
    );
  const date = ISO_DATE.exec(raw);
  const dateTime = ISO_DATE_TIME.exec(raw);
  const parts = date ?? dateTime;
  if (!parts) throw invalid();
  if (dateTime && !dateTime[7]) {
    throw new UsageError(`--expires needs a zone after the time, such as Z or +01:00: "${raw}".`);
  }
  const [year, month, day, hour = 0, minute = 0, second = 0] = parts
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const daysInMonth = new Date(Date.UTC(year as number, month as number, 0)).getUTCDate();
  if (
    (month as number) < 1 ||
    (month as number) > 12 ||
    (day as number) < 1 ||
    (day as number) > daysInMonth ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    throw invalid();
  }
  const at = new Date(date ? `${raw}T00:00:00Z` : raw);
  if (Number.isNaN(at.getTime())) throw invalid();
  if (at.getTime() <= now.getTime()) {
    throw new UsageError(
      `--expires lies in the past (${at.toISOString()}); a key must expire later than now.`,
    );
  }
  return at;
}
