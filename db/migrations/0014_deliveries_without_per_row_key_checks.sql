-- The intake writes one delivery per matching webhook, ten rows per event at fan-out 10, and each foreign key
-- of a row costs a check of its own (a query and a row lock on the webhook or workspace) when the row is
-- inserted: pgbench, the intake's statement at fan-out 10, one client, synchronous_commit off: 1.06-1.26 ms
-- per event with these two keys, 0.99-1.05 ms without them; four clients: 1.6-1.8 ms of CPU per event,
-- 1.4 without. What the keys gave stays:
--  * the intake locks the webhooks it queues for (FOR KEY SHARE, as the key's check did, once per webhook
--    per statement: lib/dispatch/accept.ts), so a webhook being deleted waits for the event's commit and
--    the trigger below then removes its deliveries too;
--  * deleting a webhook deletes its deliveries (the trigger below; deleting a workspace deletes its
--    webhooks, and so their deliveries); the claim cancels a delivery whose webhook is gone
--    (lib/dispatch/claim.ts), in case a rare path queued one while its webhook was being deleted.
-- A delivery's workspace is its webhook's (the intake copies it): its own key added nothing.
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_webhook_id_webhooks_id_fk";
--> statement-breakpoint
ALTER TABLE "deliveries" DROP CONSTRAINT "deliveries_workspace_id_workspaces_id_fk";
--> statement-breakpoint
CREATE FUNCTION "delete_webhook_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "deliveries" WHERE "webhook_id" = OLD."id";
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "webhooks_deleted" AFTER DELETE ON "webhooks"
  FOR EACH ROW EXECUTE FUNCTION "delete_webhook_deliveries"();
