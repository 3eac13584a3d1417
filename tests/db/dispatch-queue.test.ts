import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { rowsOf } from "@/db";
import { DEFAULT_WORKSPACE_ID, deliveries, eventIdempotencyKeys, events, webhooks } from "@/db/schema";
import { acceptEvent } from "@/lib/dispatch/accept";
import { claimDueDeliveries, deferWebhookDeliveries } from "@/lib/dispatch/claim";
import { parseEvent } from "@/lib/dispatch/event-input";
import { resendDelivery } from "@/lib/dispatch/resend";
import { getElement } from "@/lib/elements";
import { validationTranslator } from "@/lib/i18n/translator";
import { localizeIssues } from "@/lib/validation/issues";
import { databaseBackends } from "../helpers/database-backends";
import { insertWebhook, useDatabase } from "../helpers/rows";

// The queue on a real database, both of them: who may claim what, what switching a webhook off does to
// its queued deliveries, a webhook backing off, and idempotent intake.

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;
const PROKEY_A = "4f1c9a52-8d3e-4b7a-9c21-5e6f7a8b9c0d";
const PROKEY_B = "a7d2e8f1-3b4c-4d5e-8f60-718293a4b5c6";
const claimOptions = { workerId: "test-worker", limit: 40, leaseMs: 60_000, perWebhook: 12 };

function eventInput(idempotencyKey?: string) {
  const parsed = parseEvent(
    { trigger_element: "rsvp_answer", trigger: "create", data: answer, idempotency_key: idempotencyKey },
    "en",
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.event;
}

describe.each(databaseBackends())("the delivery queue on $name", ({ name, open }) => {
  const { db, second } = useDatabase(open);
  beforeEach(async () => {
    await db().delete(webhooks);
    await db().delete(events);
  });

  async function webhook(name: string) {
    return (await insertWebhook(db(), { name, payload_url: `https://${name}.example.com/hook` })).id;
  }

  /** `count` events, each queuing one delivery per active webhook. */
  async function events_(count: number) {
    for (let index = 0; index < count; index += 1)
      await acceptEvent(db(), DEFAULT_WORKSPACE_ID, eventInput());
  }

  const statusOf = async (webhookId: string) =>
    (await db().select().from(deliveries).where(eq(deliveries.webhook_id, webhookId))).map(
      (row) => row.status,
    );

  it("claims at most a webhook's room of its deliveries, and none of a webhook without room", async () => {
    const slow = await webhook("slow");
    const healthy = await webhook("healthy");
    await events_(10);

    const first = await claimDueDeliveries(db(), { ...claimOptions, perWebhook: 3 });
    const count = (rows: typeof first.claimed, id: string) =>
      rows.filter((row) => row.webhook.id === id).length;
    expect(count(first.claimed, slow)).toBe(3);
    expect(count(first.claimed, healthy)).toBe(3);

    // The slow one has no room left: only the healthy one's are claimed, as many as it has room for.
    const next = await claimDueDeliveries(db(), {
      ...claimOptions,
      rooms: new Map([
        [slow, 0],
        [healthy, 5],
      ]),
    });
    expect(count(next.claimed, slow)).toBe(0);
    expect(count(next.claimed, healthy)).toBe(5);
  });

  it("parks a backing-off webhook's due deliveries, the ones this worker held but had not started too", async () => {
    const hanging = await webhook("hanging");
    await events_(4);
    const { claimed } = await claimDueDeliveries(db(), { ...claimOptions, limit: 2 });
    expect(claimed).toHaveLength(2);
    const [inFlight, held] = claimed.map((row) => row.delivery.id) as [string, string];

    await deferWebhookDeliveries(db(), claimOptions.workerId, hanging, 60_000, [held]);
    const rows = await db()
      .select({
        id: deliveries.id,
        leased_by: deliveries.leased_by,
        later: sql<boolean>`${deliveries.next_attempt_at} > now() + interval '50 seconds'`,
      })
      .from(deliveries)
      .where(eq(deliveries.webhook_id, hanging));
    // The one in flight keeps its lease and its time; the other three wait a minute, unleased.
    for (const row of rows) {
      if (row.id === inFlight) expect(row).toMatchObject({ leased_by: claimOptions.workerId, later: false });
      else expect(row).toMatchObject({ leased_by: null, later: true });
    }
    expect((await claimDueDeliveries(db(), claimOptions)).claimed).toHaveLength(0);
  });

  it("cancels a webhook's queued deliveries when it is switched off, and sends none of them", async () => {
    const paused = await webhook("paused");
    const other = await webhook("other");
    await events_(3);
    // One is with a worker (its attempt finishes and is recorded as cancelled instead of a retry).
    const { claimed } = await claimDueDeliveries(db(), {
      ...claimOptions,
      limit: 1,
      rooms: new Map([[other, 0]]),
    });
    expect(claimed.map((row) => row.webhook.id)).toEqual([paused]);

    await db().update(webhooks).set({ active: false }).where(eq(webhooks.id, paused));
    expect((await statusOf(paused)).sort()).toEqual(["cancelled", "cancelled", "pending"]);
    expect(await statusOf(other)).toEqual(["pending", "pending", "pending"]);
    const next = await claimDueDeliveries(db(), claimOptions);
    expect(next.claimed.map((row) => row.webhook.id)).toEqual([other, other, other]);

    // Resent only once it is on again; then it goes out like any due delivery.
    const [cancelled] = await db()
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(sql`${deliveries.webhook_id} = ${paused} and ${deliveries.status} = 'cancelled'`);
    const id = cancelled?.id ?? "";
    expect(await resendDelivery(db(), DEFAULT_WORKSPACE_ID, paused, id)).toEqual({
      ok: false,
      error: "webhook_disabled",
    });
    await db().update(webhooks).set({ active: true }).where(eq(webhooks.id, paused));
    expect(await resendDelivery(db(), DEFAULT_WORKSPACE_ID, paused, id)).toEqual({ ok: true });
    const resent = await claimDueDeliveries(db(), claimOptions);
    expect(resent.claimed.map((row) => row.delivery.id)).toEqual([id]);
  });

  it("cancels instead of claiming a due delivery of an inactive webhook that slipped past the switch", async () => {
    const paused = await webhook("slipped");
    await events_(1);
    // As if the event had been accepted in the moment the webhook was switched off.
    await db().execute(sql`alter table ${webhooks} disable trigger webhooks_switched_off`);
    try {
      await db().update(webhooks).set({ active: false }).where(eq(webhooks.id, paused));
    } finally {
      await db().execute(sql`alter table ${webhooks} enable trigger webhooks_switched_off`);
    }
    expect(await statusOf(paused)).toEqual(["pending"]);
    expect((await claimDueDeliveries(db(), claimOptions)).claimed).toEqual([]);
    expect(await statusOf(paused)).toEqual(["cancelled"]);
  });

  it("deletes a webhook's deliveries with it, and cancels one whose webhook is gone", async () => {
    const gone = await webhook("gone");
    const kept = await webhook("kept");
    await events_(2);
    await db().delete(webhooks).where(eq(webhooks.id, gone));
    expect(await statusOf(gone)).toEqual([]);
    expect(await statusOf(kept)).toEqual(["pending", "pending"]);

    // A delivery left behind by a webhook deleted as it was queued (no foreign key holds it back).
    const orphaned = await webhook("orphaned");
    await events_(1);
    await db().execute(sql`alter table ${webhooks} disable trigger webhooks_deleted`);
    try {
      await db().delete(webhooks).where(eq(webhooks.id, orphaned));
    } finally {
      await db().execute(sql`alter table ${webhooks} enable trigger webhooks_deleted`);
    }
    const { claimed } = await claimDueDeliveries(db(), claimOptions);
    expect(claimed.map((row) => row.webhook.id)).toEqual([kept, kept, kept]);
    expect(await statusOf(orphaned)).toEqual(["cancelled"]);
  });

  it.skipIf(name === "PGlite")(
    "makes a webhook's delete wait for an event being queued for it, then deletes that event's deliveries too",
    async () => {
      const target = await webhook("deleted-meanwhile");
      const other = await second();
      let deleting: Promise<unknown> | undefined;
      await other.db.transaction(async (tx) => {
        expect((await acceptEvent(tx, DEFAULT_WORKSPACE_ID, eventInput())).deliveries).toBe(1);
        deleting = db().delete(webhooks).where(eq(webhooks.id, target)).execute();
        // The delete waits on the row lock the event's statement holds until it commits.
        await expect
          .poll(async () => {
            const [waiting] = rowsOf<{ n: number }>(
              await tx.execute(sql`select count(*)::int as n from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'`),
            );
            return waiting?.n;
          })
          .toBe(1);
      });
      await deleting;
      expect(await statusOf(target)).toEqual([]);
      expect(await db().select().from(events)).toHaveLength(1);
    },
  );

  it("answers a repeated idempotency key with the first answer, and makes one event of concurrent twins", async () => {
    await webhook("keyed");
    const first = await acceptEvent(db(), DEFAULT_WORKSPACE_ID, eventInput("order-1842-created"));
    expect(first).toMatchObject({ deliveries: 1, replayed: false });
    const again = await acceptEvent(db(), DEFAULT_WORKSPACE_ID, eventInput("order-1842-created"));
    expect(again).toEqual({ ...first, replayed: true });

    // Side by side, on two connections where the database has them.
    const other = await second();
    const twins = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        acceptEvent(index % 2 ? other.db : db(), DEFAULT_WORKSPACE_ID, eventInput("order-1843-created")),
      ),
    );
    expect(new Set(twins.map((answer) => answer.event_id)).size).toBe(1);
    expect(twins.filter((answer) => !answer.replayed)).toHaveLength(1);
    const stored = await db().select({ id: events.id }).from(events);
    expect(stored).toHaveLength(2);
    expect(await db().select().from(deliveries)).toHaveLength(2);

    // Past its 24 hours, the key makes a new event.
    await db()
      .update(eventIdempotencyKeys)
      .set({ created_at: sql`now() - interval '25 hours'` })
      .where(eq(eventIdempotencyKeys.key, "order-1842-created"));
    const later = await acceptEvent(db(), DEFAULT_WORKSPACE_ID, eventInput("order-1842-created"));
    expect(later.replayed).toBe(false);
    expect(later.event_id).not.toBe(first.event_id);
  });

  it("gives events, deliveries and their attempts ids ordered by time (UUIDv7)", async () => {
    await webhook("first");
    await webhook("second");
    const since = Date.now();
    await events_(2);
    const eventIds = (await db().select({ id: events.id }).from(events).orderBy(events.received_at)).map(
      (row) => row.id,
    );
    const queued = await db().select({ id: deliveries.id, event: deliveries.event_id }).from(deliveries);
    const attemptIds = [];
    for (const delivery of queued) {
      const [row] = rowsOf<{ id: string }>(
        await db().execute(sql`insert into delivery_attempts (delivery_id, attempt, started_at, duration_ms, request)
          values (${delivery.id}, 1, now(), 3, '{}'::jsonb) returning id`),
      );
      attemptIds.push(row?.id ?? "");
    }
    // The first 48 bits are the time in milliseconds; then the version (7) and the RFC 9562 variant.
    const millisecondsOf = (id: string) => Number.parseInt(id.replaceAll("-", "").slice(0, 12), 16);
    const ids = [...eventIds, ...queued.map((row) => row.id), ...attemptIds];
    expect(ids).toHaveLength(2 + 4 + 4);
    for (const id of ids) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(millisecondsOf(id)).toBeGreaterThanOrEqual(since - 1_000);
      expect(millisecondsOf(id)).toBeLessThanOrEqual(Date.now() + 1_000);
    }
    // The app makes event ids in order even within one millisecond; the database's follow the clock.
    expect((eventIds[0] ?? "") < (eventIds[1] ?? "")).toBe(true);
    const latest = (event: string | undefined) =>
      Math.max(...queued.filter((row) => row.event === event).map((row) => millisecondsOf(row.id)));
    const earliest = (event: string | undefined) =>
      Math.min(...queued.filter((row) => row.event === event).map((row) => millisecondsOf(row.id)));
    expect(earliest(eventIds[1])).toBeGreaterThanOrEqual(latest(eventIds[0]));
  });

  it("gives each of the events accepted together its own answer, and twins of a new key among them cost the others nothing", async () => {
    const everyone = await webhook("everyone");
    await insertWebhook(db(), {
      name: "one prokey",
      payload_url: "https://one-prokey.example.com/hook",
      prokey_filter: PROKEY_B,
    });
    const withProkey = (prokey: string) => {
      const parsed = parseEvent(
        { trigger_element: "rsvp_answer", trigger: "create", data: { ...answer, prokey } },
        "en",
      );
      if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
      return parsed.event;
    };
    // Sent at once on one connection: while the first statement is under way the others wait for the next
    // one, which carries them together (lib/dispatch/event-batches.ts), twins with a new key among them:
    // that statement fails on the key, and each of its events goes again alone.
    const inputs = [
      ...Array.from({ length: 8 }, (_, index) => withProkey(index % 2 ? PROKEY_B : PROKEY_A)),
      eventInput("order-1844-created"),
      eventInput("order-1844-created"),
    ];
    const answers = await Promise.all(inputs.map((input) => acceptEvent(db(), DEFAULT_WORKSPACE_ID, input)));

    const twins = answers.slice(-2);
    expect(twins[0]?.event_id).toBe(twins[1]?.event_id);
    expect(twins.filter((answer) => answer.replayed)).toHaveLength(1);
    const fresh = answers.slice(0, -2);
    expect(fresh.map((answer) => answer.deliveries)).toEqual([1, 2, 1, 2, 1, 2, 1, 2]);
    expect(new Set(fresh.map((answer) => answer.event_id)).size).toBe(8);
    for (const answer of fresh) {
      const queued = await db().select().from(deliveries).where(eq(deliveries.event_id, answer.event_id));
      expect(queued).toHaveLength(answer.deliveries);
      expect(queued.some((row) => row.webhook_id === everyone)).toBe(true);
    }
    // Some of them did share a statement (its transaction's time), or this test would prove nothing.
    const [shared] = rowsOf<{ statements: number }>(
      await db().execute(
        sql`select count(distinct received_at)::int as statements from ${events} where ${events.id} in ${fresh.map((answer) => answer.event_id)}`,
      ),
    );
    expect(shared?.statements).toBeLessThan(8);
    expect(await db().select().from(events)).toHaveLength(9);
  });
});

describe("the idempotency key of an event", () => {
  it("is refused with a localized message when too long, not printable, or given twice differently", () => {
    // As the API answers: the issues' message keys in the caller's words (lib/api/errors.ts).
    const parse = (key: unknown, header: string | null = null, locale: "en" | "de" = "en") => {
      const parsed = parseEvent(
        { trigger_element: "rsvp_answer", trigger: "create", data: answer, idempotency_key: key },
        locale,
        header,
      );
      return parsed.ok
        ? parsed
        : { ...parsed, issues: localizeIssues(parsed.issues, validationTranslator(locale)) };
    };
    expect(parse("k".repeat(255))).toMatchObject({ ok: true, event: { idempotencyKey: "k".repeat(255) } });
    expect(parse(undefined, "from-the-header")).toMatchObject({
      ok: true,
      event: { idempotencyKey: "from-the-header" },
    });
    expect(parse("same", "same")).toMatchObject({ ok: true });
    for (const key of ["k".repeat(256), "", "with space", "tab\there", "ümlaut"]) {
      expect(parse(key)).toEqual({
        ok: false,
        issues: [{ path: "idempotency_key", message: expect.stringContaining("255") }],
      });
    }
    expect(parse(undefined, "bad key")).toMatchObject({ ok: false, issues: [{ path: "Idempotency-Key" }] });
    expect(parse("one", "two")).toMatchObject({ ok: false, issues: [{ path: "idempotency_key" }] });
    expect(parse("bad key", null, "de")).toMatchObject({
      ok: false,
      issues: [{ message: expect.stringContaining("Idempotenzschlüssel") }],
    });
  });
});
