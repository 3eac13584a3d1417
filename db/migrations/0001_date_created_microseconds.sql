ALTER TABLE "webhooks" ALTER COLUMN "date_created" SET DATA TYPE timestamp (6) with time zone;--> statement-breakpoint
ALTER TABLE "webhooks" ALTER COLUMN "date_created" SET DEFAULT now();