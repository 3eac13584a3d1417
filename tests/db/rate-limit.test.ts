import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import { rateLimitBuckets } from "@/db/schema";
import { grantSize, takeRequest } from "@/lib/api/rate-limit";
import { databaseBackends, type OpenDatabase } from "../helpers/database-backends";

// The buckets live in the database, so every app process on it draws from the same one. Time is passed
// in, so these cases do not wait.

const start = new Date("2026-11-30T10:00:00.000Z");
const at = (milliseconds: number) => new Date(start.getTime() + milliseconds);

describe.each(databaseBackends())("rate limit buckets on $name", ({ open }) => {
  let database: OpenDatabase;
  let db: Connection["db"];
  beforeAll(async () => {
    database = await open();
    db = database.connection.db;
  });
  afterAll(() => database?.cleanup());

  it("lets a second's worth through at once, then refuses with the wait until the next request", async () => {
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await takeRequest(db, "api:burst", 4, at(0)));
    expect(results.slice(0, 4)).toEqual(Array(4).fill({ ok: true }));
    expect(results[4]).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it("refills continuously, a quarter second giving one request back at 4 per second", async () => {
    for (let i = 0; i < 4; i++) await takeRequest(db, "api:refill", 4, at(0));
    expect(await takeRequest(db, "api:refill", 4, at(100))).toMatchObject({ ok: false });
    expect(await takeRequest(db, "api:refill", 4, at(250))).toEqual({ ok: true });
    expect(await takeRequest(db, "api:refill", 4, at(260))).toMatchObject({ ok: false });
    // Refused requests take nothing: after a full second the bucket is full again, and no fuller.
    const later = [];
    for (let i = 0; i < 5; i++) later.push((await takeRequest(db, "api:refill", 4, at(5_000))).ok);
    expect(later).toEqual([true, true, true, true, false]);
  });

  it("keeps one bucket per caller", async () => {
    expect(await takeRequest(db, "api:one", 1, at(0))).toEqual({ ok: true });
    expect(await takeRequest(db, "api:one", 1, at(0))).toMatchObject({ ok: false });
    expect(await takeRequest(db, "api:other", 1, at(0))).toEqual({ ok: true });
  });

  it("shares a bucket between connections, as between app processes", async () => {
    const other = (await database.second()).db;
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => takeRequest(i % 2 ? other : db, "api:shared", 6, at(0))),
    );
    expect(answers.filter((answer) => answer.ok)).toHaveLength(6);
  });

  it("takes a twentieth of the rate from the shared bucket at once and spends it from memory", async () => {
    expect(grantSize(100)).toBe(5);
    expect(await takeRequest(db, "api:grant", 100, at(0))).toEqual({ ok: true });
    const stored = async () =>
      (
        await db
          .select({ tokens: rateLimitBuckets.tokens })
          .from(rateLimitBuckets)
          .where(eq(rateLimitBuckets.bucket, "api:grant"))
      )[0]?.tokens;
    expect(await stored()).toBe(95);
    // Four more come from the grant without touching the bucket; the sixth takes the next grant.
    for (let i = 0; i < 4; i++) expect(await takeRequest(db, "api:grant", 100, at(0))).toEqual({ ok: true });
    expect(await stored()).toBe(95);
    expect(await takeRequest(db, "api:grant", 100, at(0))).toEqual({ ok: true });
    expect(await stored()).toBe(90);
  });

  it("holds the limit across processes taking grants: never more than the bucket gives", async () => {
    const other = (await database.second()).db;
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => takeRequest(i % 2 ? other : db, "api:grants", 100, at(0))),
    );
    // Every request let through spent a token of the one bucket: exactly its 100, however they were split.
    expect(answers.filter((answer) => answer.ok)).toHaveLength(100);
    expect(answers.find((answer) => !answer.ok)).toEqual({ ok: false, retryAfterSeconds: 1 });
    // Half a second later half the bucket is back, and no more.
    const later = await Promise.all(
      Array.from({ length: 100 }, (_, i) => takeRequest(i % 2 ? other : db, "api:grants", 100, at(500))),
    );
    expect(later.filter((answer) => answer.ok)).toHaveLength(50);
  });

  it("refills nothing for a clock behind the stored one", async () => {
    expect(await takeRequest(db, "api:skew", 1, at(10_000))).toEqual({ ok: true });
    expect(await takeRequest(db, "api:skew", 1, at(0))).toMatchObject({ ok: false });
  });
});
