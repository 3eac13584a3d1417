import "server-only";
import { randomBytes } from "node:crypto";
import type { Sql } from "postgres";
import type { Connection } from "@/db";

// Workers poll the table; a process that has just queued deliveries wakes the workers at once instead of
// letting the event wait for the next poll. In the process itself that is a function call; on PostgreSQL
// (shareWakes) it is also a NOTIFY on WAKE_CHANNEL, sent after the queuing statement has committed, which
// every process with a worker LISTENs to. Polling stays: a lost notification costs one poll interval.
// PGlite serves one process, so its wake-ups never leave the process.
export const WAKE_CHANNEL = "hooksmith_wake";

type Listener = () => void;
type Shared = {
  listeners: Set<Listener>;
  publishers: Set<() => void>;
  /** Sent as the payload, so a process can tell its own notifications (already delivered in-process). */
  token: string;
};
const globalForWake = globalThis as unknown as { hooksmithWake?: Shared };

function shared(): Shared {
  globalForWake.hooksmithWake ??= {
    listeners: new Set(),
    publishers: new Set(),
    token: randomBytes(8).toString("hex"),
  };
  return globalForWake.hooksmithWake;
}

function wakeHere(): void {
  for (const listener of shared().listeners) listener();
}

/** Wakes the workers of this process now, and those of other processes on the same PostgreSQL. */
export function wakeWorkers(): void {
  wakeHere();
  for (const publish of shared().publishers) publish();
}

export function onWake(listener: Listener): () => void {
  shared().listeners.add(listener);
  return () => shared().listeners.delete(listener);
}

/**
 * Carries wake-ups between processes on PostgreSQL: `wakeWorkers` here also notifies the others, and with
 * `listen` a notification from another process wakes this one's workers. Notifications are coalesced: at
 * most one is in flight, and wake-ups meanwhile are sent as one more after it, so a busy intake costs one
 * small statement per round trip, not one per event. Resolves (once listening) with a function that stops.
 */
export async function shareWakes(
  connection: Connection,
  { listen }: { listen: boolean },
): Promise<() => Promise<void>> {
  if (connection.kind !== "postgres") return async () => {};
  const client = (connection.db as unknown as { $client: Sql }).$client;
  const { publishers, token } = shared();

  let inFlight = false;
  let again = false;
  const publish = () => {
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = true;
    client
      .notify(WAKE_CHANNEL, token)
      .catch((error) => console.error("[hooksmith] could not notify the workers:", error))
      .finally(() => {
        inFlight = false;
        if (again) {
          again = false;
          publish();
        }
      });
  };
  publishers.add(publish);

  // postgres.js keeps a connection of its own for LISTEN and listens again after reconnecting.
  const listening = listen
    ? await client.listen(WAKE_CHANNEL, (payload) => {
        if (payload !== token) wakeHere();
      })
    : null;
  return async () => {
    publishers.delete(publish);
    await listening?.unlisten();
  };
}
