-- Alerts (issue 13, part 4): the owners of a workspace see a notice for each webhook Hooksmith switched off
-- (a 410, or days of failures) until one of them acknowledges it. Switching the webhook on again clears the
-- acknowledgement with the reason (lib/webhooks/mutations.ts), so the next switch-off is a new notice.
ALTER TABLE "webhooks" ADD COLUMN "disabled_acknowledged_at" timestamp (3) with time zone;
--> statement-breakpoint
CREATE INDEX "webhooks_disabled_notice_idx" ON "webhooks" USING btree ("workspace_id") WHERE "disabled_reason" IS NOT NULL AND "disabled_acknowledged_at" IS NULL;
