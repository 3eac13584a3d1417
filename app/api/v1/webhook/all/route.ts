import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { listWebhookIds } from "@/lib/webhooks/queries";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ principal }) =>
  Response.json({ ids: await listWebhookIds(await getDb(), principal.workspaceId) }),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
