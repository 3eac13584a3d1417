import { verifyPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, DEFAULT_WORKSPACE_ID, memberships, users, workspaces } from "@/db/schema";
import { safeNextPath } from "@/lib/auth/redirects";
import { createFirstOwner } from "@/lib/auth/setup";
import {
  accountWaitSeconds,
  clearFailedSignIns,
  recordFailedSignIn,
  releaseSignInTry,
  reserveSignInTry,
  throttleSeconds,
} from "@/lib/auth/throttle";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";

describe("throttleSeconds", () => {
  it("lets four wrong passwords pass, then waits 30 s, doubling up to 15 minutes", () => {
    expect([0, 1, 4].map(throttleSeconds)).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 20].map(throttleSeconds)).toEqual([30, 60, 120, 240, 480, 900, 900]);
  });
});

describe("safeNextPath", () => {
  it("keeps a page of this app in the same language", () => {
    expect(safeNextPath("/de/webhooks/abc?x=1", "de")).toBe("/de/webhooks/abc?x=1");
    expect(safeNextPath("/en/invite/hki_abc", "en")).toBe("/en/invite/hki_abc");
  });

  it("falls back to the overview for anything that could leave the app", () => {
    for (const next of [
      "//evil.example/en/",
      "https://evil.example",
      "/en\\..\\evil",
      "/de/x",
      undefined,
      ["/en/a"],
    ]) {
      expect(safeNextPath(next, "en")).toBe("/en/overview");
    }
  });
});

describe.each(databaseBackends())("sign-in on $name", ({ open }) => {
  let database: OpenDatabase;
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database?.cleanup();
  });

  it("counts wrong passwords per account and closes sign-in after the fifth", async () => {
    const { db } = database.connection;
    for (let failure = 1; failure <= 4; failure++) {
      expect(await reserveSignInTry(db, "Someone@Example.com")).toBe(0);
      expect(await recordFailedSignIn(db, "Someone@Example.com")).toBe(0);
      expect(await accountWaitSeconds(db, "someone@example.com")).toBe(0);
    }
    expect(await reserveSignInTry(db, "someone@example.com")).toBe(0);
    expect(await recordFailedSignIn(db, "someone@example.com")).toBe(30);
    const wait = await reserveSignInTry(db, " SOMEONE@example.com ");
    expect(wait).toBeGreaterThan(28);
    expect(wait).toBeLessThanOrEqual(30);
    // Another account is not affected, and a successful sign-in clears the count.
    expect(await accountWaitSeconds(db, "other@example.com")).toBe(0);
    await clearFailedSignIns(db, "someone@example.com");
    expect(await reserveSignInTry(db, "someone@example.com")).toBe(0);
  });

  it("does not count a try handed back without a password verdict", async () => {
    const { db } = database.connection;
    for (let attempt = 1; attempt <= 10; attempt++) {
      expect(await reserveSignInTry(db, "released@example.com")).toBe(0);
      await releaseSignInTry(db, "released@example.com");
    }
    expect(await accountWaitSeconds(db, "released@example.com")).toBe(0);
  });

  it("lets at most five of 50 parallel tries through to the password check", async () => {
    // On PostgreSQL half of them come through a second connection, as from a second app process.
    const connections = [database.connection, await database.second()];
    const waits = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        reserveSignInTry((connections[index % 2] as typeof database.connection).db, "parallel@example.com"),
      ),
    );
    expect(waits.filter((wait) => wait === 0)).toHaveLength(5);
    for (const wait of waits.filter((wait) => wait > 0)) expect(wait).toBeGreaterThan(25);
  });

  it("creates the first owner in the default workspace, named in the set-up page's language, and only the first", async () => {
    const { db } = database.connection;
    const owner = await createFirstOwner(
      db,
      { email: "Owner@Example.com", password: "owner-password-1" },
      "Standard-Workspace",
    );
    expect(owner?.email).toBe("owner@example.com");
    const [membership] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(
        and(eq(memberships.workspace_id, DEFAULT_WORKSPACE_ID), eq(memberships.user_id, owner?.id ?? "")),
      );
    expect(membership?.role).toBe("owner");
    const [credential] = await db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, owner?.id ?? ""));
    expect(await verifyPassword({ hash: credential?.password ?? "", password: "owner-password-1" })).toBe(
      true,
    );

    expect(
      await createFirstOwner(db, { email: "second@example.com", password: "second-password-1" }, "Other"),
    ).toBeNull();
    expect(await db.select({ id: users.id }).from(users)).toHaveLength(1);
    const [workspace] = await db
      .select({ name: workspaces.name })
      .from(workspaces)
      .where(eq(workspaces.id, DEFAULT_WORKSPACE_ID));
    expect(workspace?.name).toBe("Standard-Workspace");
  });
});
