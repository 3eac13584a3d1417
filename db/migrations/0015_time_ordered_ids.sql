-- The three tables every event writes to (events, deliveries, delivery_attempts) get time-ordered ids
-- (UUIDv7, RFC 9562): a random id (v4) puts each new row's primary-key entry, and a delivery's entry in the
-- index on its event, on a random page of an index that grows by ten rows per event, so every insert and
-- every outcome's index entry touched a page of its own (and wrote it whole to the WAL after a checkpoint).
-- Ordered by time, they go to the few pages at the end. bench:dispatch's delivery phase, rounds alternated,
-- PostgreSQL's CPU per delivery as a multiple of the receiver's (the same work for every request, so the
-- machine's moods cancel out): 2.46-2.63 with time-ordered ids, 2.83-3.04 with random ones.
-- PostgreSQL 18 has uuidv7(); before it there is none, so it is written here: the time in milliseconds
-- (48 bits), the version (7), and the rest of a random v4 (its variant bits included): 70 random bits.
-- The app makes event ids itself (lib/ids.ts, the `uuid` package's v7), so this is the default for the
-- rows it does not name.
CREATE FUNCTION "uuid_v7"() RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    overlay(uuid_send(gen_random_uuid())
      PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) || '\x70'::bytea
      FROM 1 FOR 7),
    'hex')::uuid
$$;
--> statement-breakpoint
ALTER TABLE "events" ALTER COLUMN "id" SET DEFAULT uuid_v7();
--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "id" SET DEFAULT uuid_v7();
--> statement-breakpoint
ALTER TABLE "delivery_attempts" ALTER COLUMN "id" SET DEFAULT uuid_v7();
