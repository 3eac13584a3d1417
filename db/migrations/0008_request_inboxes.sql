-- Request inboxes (issue 12, part 2): an address of this app that keeps the last 100 requests it receives.
-- The token is stored as a SHA-256 (the lookup) and encrypted (so members can read the address again).
CREATE TABLE "inbox_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"inbox_id" uuid NOT NULL,
	"received_at" timestamp (6) with time zone DEFAULT now() NOT NULL,
	"method" text NOT NULL,
	"path" text NOT NULL,
	"query" text NOT NULL,
	"headers" jsonb NOT NULL,
	"body" bytea NOT NULL,
	"source_address" text
);
--> statement-breakpoint
CREATE TABLE "request_inboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_encrypted" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp (3) with time zone,
	"response_status" integer DEFAULT 200 NOT NULL,
	"response_retry_after" integer,
	"response_delay_ms" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "request_inboxes_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "inbox_requests" ADD CONSTRAINT "inbox_requests_inbox_id_request_inboxes_id_fk" FOREIGN KEY ("inbox_id") REFERENCES "public"."request_inboxes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_inboxes" ADD CONSTRAINT "request_inboxes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_inboxes" ADD CONSTRAINT "request_inboxes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "inbox_requests_inbox_received_idx" ON "inbox_requests" USING btree ("inbox_id","received_at","id");--> statement-breakpoint
CREATE INDEX "request_inboxes_workspace_idx" ON "request_inboxes" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "request_inboxes_expires_idx" ON "request_inboxes" USING btree ("expires_at");