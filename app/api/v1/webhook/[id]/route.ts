import { roleOfPrincipal } from "@/lib/api/auth";
import { readJson } from "@/lib/api/read-json";
import { mutationResponse, webhookNotFound } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { deleteWebhook, updateWebhook } from "@/lib/webhooks/mutations";
import { getWebhook } from "@/lib/webhooks/queries";
import { visibleTo } from "@/lib/webhooks/serialize";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ params, principal }) => {
  const webhook = await getWebhook(await getDb(), principal.workspaceId, params.id);
  if (!webhook) throw webhookNotFound();
  return Response.json(visibleTo(roleOfPrincipal(principal), webhook));
});

// Partial update: only the fields sent change; `null` clears prokey_filter, filters, header and body.
export const PATCH = apiRoute<Params>(async ({ request, params, principal }) => {
  const patch = await readJson(request);
  return mutationResponse(await updateWebhook(await getDb(), principal, params.id, patch), 200);
});

export const DELETE = apiRoute<Params>(async ({ params, principal }) => {
  if (!(await deleteWebhook(await getDb(), principal, params.id))) throw webhookNotFound();
  return new Response(null, { status: 204 });
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
