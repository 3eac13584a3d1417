const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Row ids are UUIDs; anything else cannot exist, and must not reach the database as a cast error.
export function isUuid(id: unknown): id is string {
  return typeof id === "string" && UUID.test(id);
}
