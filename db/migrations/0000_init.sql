CREATE TABLE "webhooks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"method" text NOT NULL,
	"payload_url" text NOT NULL,
	"trigger" text NOT NULL,
	"trigger_element" text NOT NULL,
	"prokey_filter" text,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"content_type" text NOT NULL,
	"header" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"body" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"date_created" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"date_updated" timestamp (3) with time zone,
	"last_execution" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE INDEX "webhooks_element_trigger_idx" ON "webhooks" USING btree ("trigger_element","trigger");--> statement-breakpoint
CREATE INDEX "webhooks_date_created_idx" ON "webhooks" USING btree ("date_created");