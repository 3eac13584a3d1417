CREATE TABLE "legacy_delivery_requests" (
	"delivery_id" uuid PRIMARY KEY NOT NULL
);
--> statement-breakpoint
ALTER TABLE "legacy_delivery_requests" ADD CONSTRAINT "legacy_delivery_requests_delivery_id_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Hand-added: the deliveries stored before header values were encrypted. Their requests hold no encrypted
-- value but headers besides the two the app sets itself (content-type, user-agent): the webhook's own.
INSERT INTO "legacy_delivery_requests" ("delivery_id")
SELECT "id" FROM "deliveries"
WHERE "request" IS NOT NULL
  AND "request"::text NOT LIKE '%enc:v%'
  AND EXISTS (
    SELECT 1 FROM jsonb_array_elements("request"->'headers') AS "header"
    WHERE lower("header"->>0) NOT IN ('content-type', 'user-agent')
  );
