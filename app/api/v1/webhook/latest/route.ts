import { roleOfPrincipal } from "@/lib/api/auth";
import { ApiError } from "@/lib/api/errors";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { getLatestWebhook } from "@/lib/webhooks/queries";
import { visibleTo } from "@/lib/webhooks/serialize";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ principal }) => {
  const webhook = await getLatestWebhook(await getDb(), principal.workspaceId);
  if (!webhook) throw new ApiError("not_found", "noWebhooks");
  return Response.json(visibleTo(roleOfPrincipal(principal), webhook));
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
