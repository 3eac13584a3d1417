-- Health at a glance (issue 13, part 1): the webhook list and the overview sum up a workspace's real
-- deliveries of the last 24 hours (lib/health/queries.ts). This index makes that one range scan by
-- creation time; the webhook's own charts use deliveries_webhook_idx. Test sends are left out of it, as
-- they are out of every figure.
CREATE INDEX "deliveries_workspace_created_idx" ON "deliveries" USING btree ("workspace_id","created_at") WHERE "deliveries"."is_test" = false;
