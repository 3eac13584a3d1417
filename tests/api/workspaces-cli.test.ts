import { asc } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, DEFAULT_WORKSPACE_ID, memberships, users } from "@/db/schema";
import { admin, runAdmin, runAdminBatch } from "../helpers/admin-cli.mjs";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { apiClient } from "./client";
import { API_TOKEN, openStorage, UUID } from "./dispatch-fixture";

// The admin CLI as operators use it: what it prints, how it fails, what it records, and that it keeps its
// hands off an embedded database a running app holds.

const onPostgres = Boolean(process.env.DATABASE_URL);
const PASSWORD = "correct horse battery staple";
// A well-formed workspace id that names no workspace.
const UUID_EXAMPLE = "0f8c2d4e-6a1b-4c3d-9e8f-7a6b5c4d3e2f";

/** Runs CLI processes side by side on PostgreSQL, one after another on the embedded database. */
async function together<T extends readonly (() => Promise<unknown>)[]>(
  tasks: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  type Results = { -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> };
  if (onPostgres) return (await Promise.all(tasks.map((task) => task()))) as Results;
  const results: unknown[] = [];
  for (const task of tasks) results.push(await task());
  return results as Results;
}

let storage: AppStorage;
let app: RunningApp | undefined;

beforeAll(async () => {
  storage = await createAppStorage();
});

afterAll(async () => {
  await app?.stop();
  await storage?.remove();
});

describe("the admin CLI", () => {
  it("refuses bad usage with exit code 2 and a message, before it opens the database", async () => {
    // A few of the cases tests/unit/admin-args.test.ts checks one by one: here, that they reach the shell.
    const cases: [string[], RegExp][] = [
      [[], /No command given/],
      [["frobnicate"], /Unknown command "frobnicate"/],
      [["user", "create", "--email", "ann@example.com"], /needs --password/],
      [
        [
          "key",
          "create",
          "--workspace",
          UUID_EXAMPLE,
          "--kind",
          "api",
          "--scope",
          "read",
          "--expires",
          "2020-01-01",
        ],
        /--expires lies in the past/,
      ],
    ];
    // A batch is checked whole before its first line runs: carol is never created (see the user list below).
    const batchInput = `user create --email carol@example.com --password '${PASSWORD}'\nmember add --role boss`;
    const [results, badBatch, help] = await Promise.all([
      Promise.all(cases.map(([args]) => runAdmin(storage, args))),
      runAdminBatch(storage, batchInput),
      runAdmin(storage, ["help"]),
    ]);
    results.forEach((result, index) => {
      const [args, message] = cases[index] as [string[], RegExp];
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr, args.join(" ")).toMatch(message);
      expect(result.stdout).toBe("");
    });
    expect(badBatch.code).toBe(2);
    expect(badBatch.stderr).toMatch(/^error: line 2: "member add" needs --workspace, --email/);
    expect(badBatch.stdout).toBe("");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("key create --workspace ID --kind api --scope read|write|read_write");
    expect(help.stdout).toContain("key create --workspace ID --kind event [--expires ISO-8601]");
    expect(help.stdout).toContain("batch\n      Reads commands from standard input, one a line");
  });

  it("sets up users, a workspace, members and keys, refusing what does not exist", async () => {
    const userId = await admin(storage, [
      "user",
      "create",
      "--email",
      "Ann@Example.com",
      "--password",
      PASSWORD,
    ]);
    expect(userId).toMatch(UUID);
    // These do not depend on each other: side by side on PostgreSQL, one after another on the embedded
    // database (which one process opens at a time).
    const [duplicate, weak, batch, unknownOwner, created, unknownWorkspace] = await together([
      () => runAdmin(storage, ["user", "create", "--email", "ann@example.com", "--password", PASSWORD]),
      () => runAdmin(storage, ["user", "create", "--email", "bob@example.com", "--password", "short"]),
      // A batch as an operator writes it: comments, quotes, one command a line; it stops at the first
      // failure (dave's line never runs) and keeps what ran before it.
      () =>
        runAdminBatch(
          storage,
          [
            "# Bob joins",
            `user create --email bob@example.com --password "${PASSWORD}" --name 'Bob'`,
            "",
            `user create --email ann@example.com --password '${PASSWORD}'`,
            `user create --email dave@example.com --password '${PASSWORD}'`,
          ].join("\n"),
        ),
      () => runAdmin(storage, ["workspace", "create", "--name", "X", "--owner", "eve@example.com"]),
      () => runAdmin(storage, ["workspace", "create", "--name", "Team A", "--owner", "ann@example.com"]),
      () =>
        runAdmin(storage, [
          ...["member", "add", "--workspace", UUID_EXAMPLE, "--email", "bob@example.com", "--role", "viewer"],
        ]),
    ] as const);
    expect(duplicate).toMatchObject({ code: 1, stderr: expect.stringMatching(/exists already/) });
    expect(weak).toMatchObject({ code: 1, stderr: expect.stringMatching(/at least 10 characters/) });
    expect(batch).toMatchObject({
      code: 1,
      stderr: "error: line 4: A user with the email ann@example.com exists already.\n",
    });
    expect(batch.outputs).toEqual([
      expect.stringMatching(/^Created user bob@example.com \(Bob\)\.\n[0-9a-f-]{36}$/),
    ]);
    expect(unknownOwner).toMatchObject({ code: 1, stderr: expect.stringMatching(/no user with the email/) });
    expect(created.code).toBe(0);
    const workspaceId = created.lastLine;
    expect(workspaceId).toMatch(UUID);
    expect(created.stdout).toContain('Created workspace "Team A"');
    expect(unknownWorkspace).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/no workspace with the id/),
    });
    const member = ["member", "add", "--workspace", workspaceId, "--email", "bob@example.com"];
    expect((await runAdmin(storage, [...member, "--role", "viewer"])).stdout).toContain("as viewer");
    expect((await runAdmin(storage, [...member, "--role", "editor"])).stdout).toMatch(
      /now editor of "Team A" \(was viewer\)/,
    );

    const keyArgs = ["key", "create", "--workspace", workspaceId, "--kind", "api", "--scope", "read"];
    const key = await runAdmin(storage, [...keyArgs, "--expires", "2999-01-01", "--name", "Reporting"]);
    expect(key.code).toBe(0);
    expect(key.lastLine).toMatch(/^hks_api_[A-Za-z0-9_-]{43}$/);
    expect(key.stdout).toContain("expires 2999-01-01T00:00:00.000Z");
    expect(await admin(storage, ["key", "revoke", "--key", key.lastLine])).toContain(
      'Revoked api key "Reporting"',
    );
    const again = await runAdmin(storage, ["key", "revoke", "--key", key.lastLine]);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/No live key matches/) });

    // Members and keys are in the workspace's audit log, by the CLI.
    const connection = await openStorage(storage);
    try {
      const entries = await connection.db
        .select({
          action: auditLog.action,
          actor_kind: auditLog.actor_kind,
          actor_label: auditLog.actor_label,
          target_label: auditLog.target_label,
          details: auditLog.details,
        })
        .from(auditLog)
        .orderBy(asc(auditLog.at), asc(auditLog.id));
      const cli = { actor_kind: "cli", actor_label: "admin CLI" };
      expect(entries).toEqual([
        { ...cli, action: "workspace.create", target_label: "Team A", details: { owner: "ann@example.com" } },
        { ...cli, action: "member.add", target_label: "bob@example.com", details: { role: "viewer" } },
        {
          ...cli,
          action: "member.role",
          target_label: "bob@example.com",
          details: { from: "viewer", to: "editor" },
        },
        {
          ...cli,
          action: "key.create",
          target_label: expect.stringMatching(/^Reporting \(hks_api_[\w-]{4}…\)$/),
          details: { kind: "api", scope: "read", expires_at: "2999-01-01T00:00:00.000Z" },
        },
        { ...cli, action: "key.revoke", target_label: expect.stringMatching(/^Reporting/), details: null },
      ]);
      expect(await connection.db.select().from(memberships)).toHaveLength(2);
      // Only what ran: no user from the refused or stopped batches.
      const emails = await connection.db.select({ email: users.email }).from(users).orderBy(asc(users.email));
      expect(emails.map((user) => user.email)).toEqual(["ann@example.com", "bob@example.com"]);
    } finally {
      await connection.close();
    }
  }, 120_000);

  it("works beside a running app on PostgreSQL, and refuses at once on its embedded database", async () => {
    app = await startApp({ storage, env: { API_TOKEN } });
    const args = ["key", "create", "--workspace", DEFAULT_WORKSPACE_ID, "--kind", "api", "--scope", "read"];
    const startedAt = Date.now();
    const result = await runAdmin(storage, args);
    if (onPostgres) {
      expect(result.code, result.stderr).toBe(0);
      const keyed = apiClient(app.baseUrl, result.lastLine);
      expect((await keyed.get("/webhook/all")).status).toBe(200);
      return;
    }
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain(
      `The embedded database in ${storage.dataDir} is in use by a running Hooksmith app`,
    );
    expect(result.stderr).toContain("stop the app");
    expect(result.stderr).toContain("DATABASE_URL");
    // It does not wait for the lock to go stale (10 s): the app is alive.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    // And the app did not notice.
    expect((await apiClient(app.baseUrl, API_TOKEN).get("/webhook/all")).status).toBe(200);
  });
});
