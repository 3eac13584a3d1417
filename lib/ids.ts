import { v7 } from "uuid";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Row ids are UUIDs; anything else cannot exist, and must not reach the database as a cast error.
export function isUuid(id: unknown): id is string {
  return typeof id === "string" && UUID.test(id);
}

/**
 * A new id ordered by creation time (UUIDv7), for the rows every event writes (events, deliveries, their
 * attempts): each goes to the end of its indexes, not to a random page (migration 0015 has the figures, and
 * the database's own default for the rows the app does not name).
 */
export function timeOrderedId(): string {
  return v7();
}
