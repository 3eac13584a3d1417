import { describe, expect, it } from "vitest";
import { type AdminCommand, parseAdminArgs, parseAdminBatch, splitWords } from "@/lib/admin/args";

const NOW = new Date("2026-06-01T12:00:00Z");
const WORKSPACE = "0f8c2d4e-6a1b-4c3d-9e8f-7a6b5c4d3e2f";
const KEY = "hks_api_TON2X1qht-vz0tJgOPZoGSUoJNvPzgOyCZd-1hA6K28";

function parsed(line: string[]): AdminCommand {
  const result = parseAdminArgs(line, NOW);
  if (!result.ok) throw new Error(`expected ${line.join(" ")} to parse: ${result.error}`);
  return result.command;
}

function refused(line: string[]): string {
  const result = parseAdminArgs(line, NOW);
  if (result.ok) throw new Error(`expected ${line.join(" ")} to be refused`);
  return result.error;
}

describe("admin CLI arguments", () => {
  it("parses every command with its options", () => {
    expect(parsed(["user", "create", "--email", " Ann@Example.com ", "--password", "correct horse"])).toEqual(
      {
        name: "user create",
        email: "ann@example.com",
        password: "correct horse",
        displayName: null,
      },
    );
    expect(parsed(["user", "create", "--email=a@b.io", "--password=p w", "--name", " Ann "])).toMatchObject({
      displayName: "Ann",
      password: "p w",
    });
    expect(parsed(["workspace", "create", "--name", "Team A", "--owner", "ann@example.com"])).toEqual({
      name: "workspace create",
      workspaceName: "Team A",
      ownerEmail: "ann@example.com",
    });
    expect(
      parsed([
        "member",
        "add",
        "--workspace",
        WORKSPACE.toUpperCase(),
        "--email",
        "b@x.io",
        "--role",
        "viewer",
      ]),
    ).toEqual({ name: "member add", workspaceId: WORKSPACE, email: "b@x.io", role: "viewer" });
    expect(parsed(["key", "create", "--workspace", WORKSPACE, "--kind", "event"])).toEqual({
      name: "key create",
      workspaceId: WORKSPACE,
      kind: "event",
      scope: null,
      expiresAt: null,
      keyName: "Event key (admin CLI)",
    });
    expect(parsed(["key", "revoke", "--key", KEY])).toEqual({ name: "key revoke", key: KEY });
  });

  it("shows the help for help, --help and -h", () => {
    for (const line of [["help"], ["--help"], ["-h"], ["key", "create", "--help"]]) {
      expect(parsed(line)).toEqual({ name: "help" });
    }
  });

  it("refuses a missing or unknown command", () => {
    expect(refused([])).toMatch(/^No command given/);
    expect(refused(["user"])).toBe('Unknown command "user". Run "npm run admin -- help" for the list.');
    expect(refused(["user", "delete", "--email", "a@b.io"])).toMatch(/^Unknown command "user delete"/);
    expect(refused(["workspace", "create", "extra", "--name", "A", "--owner", "a@b.io"])).toBe(
      'Unexpected argument "extra" after "workspace create".',
    );
  });

  it("refuses unknown options, options of another command and options without a value", () => {
    expect(refused(["user", "create", "--email", "a@b.io", "--password", "x", "--admin", "1"])).toMatch(
      /--admin/,
    );
    expect(refused(["user", "create", "--email", "a@b.io", "--password", "x", "--role", "owner"])).toBe(
      '"user create" takes no --role option.',
    );
    expect(refused(["user", "create", "--email", "a@b.io", "--password"])).toMatch(/--password/);
  });

  it("names the options that are missing", () => {
    expect(refused(["key", "create", "--workspace", WORKSPACE])).toBe(
      '"key create" needs --kind. Run "npm run admin -- help" for the usage.',
    );
    expect(refused(["workspace", "create", "--name", "A"])).toMatch(/needs --owner/);
  });

  it("checks emails, workspace ids, roles, kinds, scopes, names and keys", () => {
    expect(refused(["user", "create", "--email", "ann", "--password", "x"])).toBe(
      '--email must be an email address, not "ann".',
    );
    expect(refused(["workspace", "create", "--name", "  ", "--owner", "a@b.io"])).toBe(
      "--name must not be empty.",
    );
    expect(refused(["workspace", "create", "--name", "n".repeat(101), "--owner", "a@b.io"])).toMatch(
      /at most 100/,
    );
    expect(refused(["workspace", "create", "--name", "A\u0000B", "--owner", "a@b.io"])).toMatch(/control/);
    expect(refused(["member", "add", "--workspace", "1", "--email", "a@b.io", "--role", "owner"])).toMatch(
      /^--workspace must be a workspace id/,
    );
    expect(refused(["member", "add", "--workspace", WORKSPACE, "--email", "a@b.io", "--role", "admin"])).toBe(
      '--role must be one of owner, editor, viewer, not "admin".',
    );
    expect(refused(["key", "create", "--workspace", WORKSPACE, "--kind", "web", "--scope", "read"])).toMatch(
      /^--kind must be one of api, event/,
    );
    expect(refused(["key", "create", "--workspace", WORKSPACE, "--kind", "api", "--scope", "all"])).toMatch(
      /^--scope must be one of read, write, read_write/,
    );
    expect(refused(["key", "revoke", "--key", "abc"])).toMatch(/^--key must be a key/);
  });

  it("gives an API key a scope and an event key none", () => {
    const create = ["key", "create", "--workspace", WORKSPACE, "--kind"];
    expect(refused([...create, "api"])).toBe("An API key needs --scope: one of read, write, read_write.");
    for (const scope of ["read", "write", "read_write"]) {
      expect(refused([...create, "event", "--scope", scope])).toBe(
        "An event key takes no --scope: it has one right, sending events. Leave --scope out.",
      );
    }
  });

  describe("--expires", () => {
    const create = (expires: string) => [
      "key",
      "create",
      "--workspace",
      WORKSPACE,
      "--kind",
      "api",
      "--scope",
      "read",
      "--expires",
      expires,
    ];
    const expiresAt = (expires: string) => (parsed(create(expires)) as { expiresAt: Date }).expiresAt;

    it("takes a date (midnight UTC) or a date and time with its zone", () => {
      expect(expiresAt("2026-12-31").toISOString()).toBe("2026-12-31T00:00:00.000Z");
      expect(expiresAt("2026-12-31T18:30:00Z").toISOString()).toBe("2026-12-31T18:30:00.000Z");
      expect(expiresAt("2026-12-31T18:30+01:00").toISOString()).toBe("2026-12-31T17:30:00.000Z");
      expect(expiresAt("2026-06-01T12:00:00.5Z").toISOString()).toBe("2026-06-01T12:00:00.500Z");
    });

    it("refuses what is not ISO-8601 or not a real date", () => {
      for (const expires of [
        "tomorrow",
        "1780000000",
        "31.12.2026",
        "2026-13-01",
        "2026-02-30",
        "2026-12-31T24:00:00Z",
        "2026-12-31 18:00:00Z",
        "",
      ]) {
        expect(refused(create(expires)), expires).toMatch(/^--expires must be an ISO-8601 date/);
      }
    });

    it("refuses a date and time without a zone", () => {
      expect(refused(create("2026-12-31T18:00:00"))).toMatch(/^--expires needs a zone/);
    });

    it("refuses an expiry in the past or now", () => {
      expect(refused(create("2026-06-01T12:00:00Z"))).toMatch(/^--expires lies in the past/);
      expect(refused(create("2020-01-01"))).toMatch(/^--expires lies in the past/);
    });
  });
});

describe("admin CLI batches", () => {
  it("takes no arguments after batch", () => {
    expect(parsed(["batch"])).toEqual({ name: "batch" });
    expect(refused(["batch", "extra"])).toMatch(/^"batch" takes no arguments/);
    expect(refused(["batch", "--email", "a@b.io"])).toMatch(/^"batch" takes no arguments/);
  });

  it("splits a line into words as a shell does, quotes and backslashes included", () => {
    expect(
      splitWords(`user create  --email a@b.io\t--password 'p w "x"' --name "Ann \\"A\\" \\\\ B"`),
    ).toEqual({
      ok: true,
      words: ["user", "create", "--email", "a@b.io", "--password", 'p w "x"', "--name", 'Ann "A" \\ B'],
    });
    expect(splitWords(`--password 'it'\\''s' --name a\\ b ''`)).toEqual({
      ok: true,
      words: ["--password", "it's", "--name", "a b", ""],
    });
    expect(splitWords(`--name "open`)).toEqual({ ok: false, error: "A double quote is not closed." });
    expect(splitWords(`--name 'open`)).toEqual({ ok: false, error: "A single quote is not closed." });
    expect(splitWords("--name a\\")).toEqual({ ok: false, error: "A backslash ends the line." });
  });

  it("parses every line, skipping blank lines and comments, and keeps their line numbers", () => {
    const result = parseAdminBatch(
      `# owners\nuser create --email Ann@Example.com --password 'correct horse'\r\n\n  key revoke --key ${KEY}\n`,
      NOW,
    );
    expect(result).toEqual({
      ok: true,
      commands: [
        {
          line: 2,
          command: {
            name: "user create",
            email: "ann@example.com",
            password: "correct horse",
            displayName: null,
          },
        },
        { line: 4, command: { name: "key revoke", key: KEY } },
      ],
    });
  });

  it("refuses the whole batch for one bad line, naming it", () => {
    const good = "user create --email a@b.io --password 'correct horse'";
    expect(parseAdminBatch(`${good}\nuser create --email nobody`, NOW)).toEqual({
      ok: false,
      error: 'line 2: "user create" needs --password. Run "npm run admin -- help" for the usage.',
    });
    expect(parseAdminBatch(`${good}\nuser create --email "a@b.io`, NOW)).toEqual({
      ok: false,
      error: "line 2: A double quote is not closed.",
    });
    expect(parseAdminBatch(`help\n${good}`, NOW)).toEqual({
      ok: false,
      error: 'line 1: "help" cannot run inside a batch.',
    });
    expect(parseAdminBatch(`${good}\n\nbatch`, NOW)).toEqual({
      ok: false,
      error: 'line 3: "batch" cannot run inside a batch.',
    });
    expect(parseAdminBatch("# nothing\n\n", NOW)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^The batch is empty/),
    });
  });
});
