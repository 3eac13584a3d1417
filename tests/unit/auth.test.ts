import { verifyPassword } from "better-auth/crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, connectDatabase } from "@/db";
import { accounts, DEFAULT_WORKSPACE_ID, memberships, users } from "@/db/schema";
import { safeNextPath } from "@/lib/auth/redirects";
import { createFirstOwner } from "@/lib/auth/setup";
import {
  accountWaitSeconds,
  clearFailedSignIns,
  recordFailedSignIn,
  throttleSeconds,
} from "@/lib/auth/throttle";

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

  it("falls back to the webhooks for anything that could leave the app", () => {
    for (const next of [
      "//evil.example/en/",
      "https://evil.example",
      "/en\\..\\evil",
      "/de/x",
      undefined,
      ["/en/a"],
    ]) {
      expect(safeNextPath(next, "en")).toBe("/en/webhooks");
    }
  });
});

describe("sign-in on the database (PGlite)", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await connectDatabase({ dataDir: null });
  });
  afterAll(async () => {
    await connection?.close();
  });

  it("counts wrong passwords per account and closes sign-in after the fifth", async () => {
    const { db } = connection;
    for (let failure = 1; failure <= 4; failure++) {
      expect(await recordFailedSignIn(db, "Someone@Example.com")).toBe(0);
      expect(await accountWaitSeconds(db, "someone@example.com")).toBe(0);
    }
    expect(await recordFailedSignIn(db, "someone@example.com")).toBe(30);
    const wait = await accountWaitSeconds(db, " SOMEONE@example.com ");
    expect(wait).toBeGreaterThan(28);
    expect(wait).toBeLessThanOrEqual(30);
    // Another account is not affected, and a successful sign-in clears the count.
    expect(await accountWaitSeconds(db, "other@example.com")).toBe(0);
    await clearFailedSignIns(db, "someone@example.com");
    expect(await accountWaitSeconds(db, "someone@example.com")).toBe(0);
  });

  it("creates the first owner in the default workspace, and only the first", async () => {
    const { db } = connection;
    const owner = await createFirstOwner(db, { email: "Owner@Example.com", password: "owner-password-1" });
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
      await createFirstOwner(db, { email: "second@example.com", password: "second-password-1" }),
    ).toBeNull();
    expect(await db.select({ id: users.id }).from(users)).toHaveLength(1);
  });
});
