import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/db";
import { deliveries, eventIdempotencyKeys, events, webhooks } from "@/db/schema";
import { timeOrderedId } from "@/lib/ids";

/** One event to store, with the webhooks (ids) it matched. */
export type EventRow = {
  workspace_id: string;
  trigger_element: string;
  trigger: string;
  prokey: string | null;
  data: Record<string, unknown>;
  webhooks: string[];
  /** Its idempotency key, stored with the answer: a repeat (or a twin) fails the statement (23505). */
  key: string | null;
};

// At most this many events share a statement: ~10 deliveries each, a few hundred rows.
const MAX_BATCH = 32;

// Many events and their deliveries in one statement, so in one transaction. Each webhook is checked to be
// still active (it may have been switched off since the candidates were read) and its row is locked FOR
// KEY SHARE, as a foreign key's check would lock it (deliveries have none on it, migration 0014): a delete
// of the webhook waits for this commit, and its trigger then deletes these deliveries too. The event ids
// are made here, so each event's deliveries are counted back to it.
function prepareInsert(db: Database) {
  const input = db.$with("input", { id: events.id }).as(sql`
    select * from json_to_recordset(${sql.placeholder("events")}::json) as i(id uuid, workspace_id uuid,
      trigger_element text, "trigger" text, prokey text, data json, webhooks jsonb, key text)
  `);
  const event = db.$with("event", { id: events.id }).as(sql`
    insert into ${events} (id, workspace_id, trigger_element, "trigger", prokey, data)
    select id, workspace_id, trigger_element, "trigger", prokey, data from input
    returning id
  `);
  const queued = db.$with("queued", { event_id: deliveries.event_id }).as(sql`
    insert into ${deliveries} (event_id, webhook_id, workspace_id)
    select event.id, w.id, w.workspace_id from input join event on event.id = input.id
    cross join lateral (
      select id, workspace_id from ${webhooks}
      where id in (select value::uuid from jsonb_array_elements_text(input.webhooks))
        and workspace_id = input.workspace_id
        and active
      for key share
    ) w
    returning event_id
  `);
  // With an idempotency key, the key and the answer are stored in the same statement. A repeat of the key
  // (or a concurrent twin) violates the primary key, and the whole statement is undone: its events are then
  // tried one by one (eventBatcher), and the keyed one's caller reads the first answer.
  const keyed = db.$with("keyed", {}).as(sql`
    insert into ${eventIdempotencyKeys} (workspace_id, key, event_id, deliveries)
    select input.workspace_id, input.key, input.id,
      (select count(*) from queued where queued.event_id = input.id)::int
    from input join event on event.id = input.id where input.key is not null
    returning 1
  `);
  return db
    .with(input, event, queued, keyed)
    .select({
      event_id: input.id,
      deliveries: sql<number>`(select count(*) from queued where queued.event_id = ${input.id})::int`.mapWith(
        Number,
      ),
    })
    .from(input)
    .prepare("accept_events");
}

type Waiting = {
  row: EventRow & { id: string };
  resolve: (accepted: { event_id: string; deliveries: number }) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit for events: while one statement is under way, the events accepted meanwhile queue up and go
 * together in the next, one statement and one commit for all of them; an event that finds none under way
 * goes at once, so a lone event waits for nothing. Resolves once the event is committed. If a statement of
 * several fails, each of its events is tried alone, so one bad event costs no other its answer.
 */
function eventBatcher(db: Database) {
  const insert = prepareInsert(db);
  let queue: Waiting[] = [];
  let writing = false;

  const write = async (batch: Waiting[]) => {
    const rows = await insert.execute({ events: JSON.stringify(batch.map((waiting) => waiting.row)) });
    const counts = new Map(rows.map((row) => [row.event_id, row.deliveries]));
    for (const { row, resolve } of batch) resolve({ event_id: row.id, deliveries: counts.get(row.id) ?? 0 });
  };

  const drain = async () => {
    writing = true;
    while (queue.length > 0) {
      const batch = queue.slice(0, MAX_BATCH);
      queue = queue.slice(MAX_BATCH);
      try {
        await write(batch);
      } catch (error) {
        if (batch.length === 1) batch[0]?.reject(error);
        else for (const waiting of batch) await write([waiting]).catch(waiting.reject);
      }
    }
    writing = false;
  };

  return (row: EventRow) =>
    new Promise<{ event_id: string; deliveries: number }>((resolve, reject) => {
      queue.push({ row: { id: timeOrderedId(), ...row }, resolve, reject });
      if (!writing) void drain();
    });
}

const batchers = new WeakMap<Database, ReturnType<typeof eventBatcher>>();

/** Stores one event and its deliveries, with the events accepted at the same moment (see eventBatcher). */
export function insertEventBatched(db: Database, row: EventRow) {
  let batcher = batchers.get(db);
  if (!batcher) {
    batcher = eventBatcher(db);
    batchers.set(db, batcher);
  }
  return batcher(row);
}
