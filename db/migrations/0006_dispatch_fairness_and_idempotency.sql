CREATE TABLE "event_idempotency_keys" (
	"workspace_id" uuid NOT NULL,
	"key" text NOT NULL,
	"event_id" uuid NOT NULL,
	"deliveries" integer NOT NULL,
	"created_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_idempotency_keys_workspace_id_key_pk" PRIMARY KEY("workspace_id","key")
);
--> statement-breakpoint
ALTER TABLE "event_idempotency_keys" ADD CONSTRAINT "event_idempotency_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_idempotency_keys" ADD CONSTRAINT "event_idempotency_keys_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_idempotency_keys_created_at_idx" ON "event_idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "deliveries_webhook_pending_idx" ON "deliveries" USING btree ("webhook_id","next_attempt_at") WHERE "deliveries"."status" = 'pending';