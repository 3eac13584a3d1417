-- Test sends (issue 12, part 1): a test is logged as a delivery marked is_test, with its one attempt. Its
-- event is the real event it replays, or an event row marked is_test holding the element's sample data, so
-- the log reads as it does for real deliveries while "recent real events" and the filter leave tests out.
ALTER TABLE "deliveries" ADD COLUMN "is_test" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "is_test" boolean DEFAULT false NOT NULL;
--> statement-breakpoint
-- The picker of a test send: a workspace's last 20 real events of one element and trigger.
CREATE INDEX "events_workspace_element_trigger_idx" ON "events" USING btree ("workspace_id","trigger_element","trigger","received_at") WHERE "events"."is_test" = false;
