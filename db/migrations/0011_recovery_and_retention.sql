-- Watch and recover (issue 13). A replay is a new delivery (a new webhook-id) of a stored event, linked to the
-- delivery it repeats when there is one; a bulk recovery is a job the workers run in batches, resumable
-- from its cursor. The indexes serve the event log's pages and search, and retention's batched deletes.
ALTER TABLE "deliveries" ADD COLUMN "replay_of" uuid;
--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "is_replay" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_replay_of_deliveries_id_fk" FOREIGN KEY ("replay_of") REFERENCES "public"."deliveries"("id") ON DELETE set null ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "deliveries_replay_of_idx" ON "deliveries" USING btree ("replay_of") WHERE "replay_of" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "events_workspace_received_idx" ON "events" USING btree ("workspace_id","received_at","id");
--> statement-breakpoint
CREATE INDEX "events_workspace_element_id_idx" ON "events" USING btree ("workspace_id",("data"->>'id'));
--> statement-breakpoint
CREATE INDEX "events_workspace_prokey_idx" ON "events" USING btree ("workspace_id","prokey") WHERE "prokey" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "delivery_attempts_bodies_idx" ON "delivery_attempts" USING btree ("started_at") WHERE "response_body" IS NOT NULL OR ("request"->>'body') IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "recovery_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"webhook_id" uuid NOT NULL,
	"since" timestamp (6) with time zone NOT NULL,
	"until" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"total" integer NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'running' NOT NULL,
	"cursor_at" timestamp (6) with time zone,
	"cursor_id" uuid,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp (6) with time zone
);
--> statement-breakpoint
ALTER TABLE "recovery_jobs" ADD CONSTRAINT "recovery_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "recovery_jobs" ADD CONSTRAINT "recovery_jobs_webhook_id_webhooks_id_fk" FOREIGN KEY ("webhook_id") REFERENCES "public"."webhooks"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "recovery_jobs_running_idx" ON "recovery_jobs" USING btree ("created_at") WHERE "status" = 'running';
--> statement-breakpoint
CREATE INDEX "event_idempotency_keys_event_idx" ON "event_idempotency_keys" USING btree ("event_id");
