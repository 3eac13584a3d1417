-- UNLOGGED (hand-edited): the buckets need no crash safety, and skipping the WAL keeps checks cheap.
CREATE UNLOGGED TABLE "rate_limit_buckets" (
	"bucket" text PRIMARY KEY NOT NULL,
	"tokens" double precision NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	"allowed" boolean NOT NULL
);
