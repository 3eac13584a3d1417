import { parseBody, parseQuery, refusal } from "@/lib/api/recovery";
import { webhookNotFound } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { countRecoverable, startRecovery } from "@/lib/recovery/recover";
import { recoverSchema } from "@/lib/recovery/schemas";

export const dynamic = "force-dynamic";

// How many deliveries would be resent: the count to confirm before starting.
export const GET = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const { since } = parseQuery(request, recoverSchema);
  const scope = { workspaceId: principal.workspaceId, webhookId: params.id };
  const count = await countRecoverable(await getDb(), scope, new Date(since));
  if (count === null) throw webhookNotFound();
  return Response.json({ since: new Date(since).toISOString(), count });
});

// Starts the recovery; the workers requeue the failures in batches. Its progress: GET /recoveries/{id}.
export const POST = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const { since } = await parseBody(request, recoverSchema);
  const scope = { workspaceId: principal.workspaceId, webhookId: params.id };
  const result = await startRecovery(await getDb(), scope, new Date(since));
  if (!result.ok) throw result.error === "not_found" ? webhookNotFound() : refusal(result.error);
  return Response.json(result.recovery, {
    status: 202,
    headers: { Location: `/api/v1/recoveries/${result.recovery.id}` },
  });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
