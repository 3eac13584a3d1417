import { webhookNotFound } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { rotateWebhookSecret } from "@/lib/webhooks/mutations";
import { secretOverlapMs } from "@/lib/webhooks/secret";

export const dynamic = "force-dynamic";

// A new signing secret at once; the previous one keeps signing beside it for the overlap (24 h by default).
export const POST = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const webhook = await rotateWebhookSecret(await getDb(), principal, params.id, secretOverlapMs());
  if (!webhook) throw webhookNotFound();
  return Response.json(webhook);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
