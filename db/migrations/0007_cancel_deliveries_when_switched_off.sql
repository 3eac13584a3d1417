-- Switching a webhook off (a person, the API, or the system after a 410 or days of failures) cancels its
-- pending deliveries in the same transaction, so an inactive webhook sends nothing, and the log says so at
-- once. A trigger, because every way of switching off must do it, and lib/webhooks cannot call lib/dispatch.
-- Deliveries a worker holds a live lease on are being sent: their outcome is written as cancelled instead
-- of a retry (lib/dispatch/deliver.ts), and the claim never takes a delivery of an inactive webhook.
CREATE FUNCTION "cancel_pending_deliveries"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "deliveries" SET "status" = 'cancelled', "completed_at" = now(),
    "lease_expires_at" = NULL, "leased_by" = NULL
  WHERE "webhook_id" = NEW."id" AND "status" = 'pending'
    AND ("lease_expires_at" IS NULL OR "lease_expires_at" < now());
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "webhooks_switched_off" AFTER UPDATE OF "active" ON "webhooks"
  FOR EACH ROW WHEN (OLD."active" AND NOT NEW."active") EXECUTE FUNCTION "cancel_pending_deliveries"();
