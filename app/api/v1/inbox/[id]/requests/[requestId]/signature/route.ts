import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { inboxRequestNotFound } from "@/lib/api/inbox-responses";
import { webhookNotFound } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { verifyInboxRequest } from "@/lib/inbox/verify";
import { issueMessage as m, toFieldIssues } from "@/lib/validation/issues";

export const dynamic = "force-dynamic";

const checkQuery = z.object({
  webhook_id: z.uuid({ error: m("inboxWebhookId") }),
  content: z.enum(["body", "query"], { error: m("inboxSignedContent") }).default("body"),
});

// The signature check a receiver using `standardwebhooks` would make, with the webhook's current and
// (until it expires) previous secret.
export const GET = apiRoute<{ id: string; requestId: string }>(async ({ request, params, principal }) => {
  const query = checkQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    throw new ApiError("validation_failed", "inboxQueryInvalid", {
      issues: toFieldIssues(query.error),
    });
  }
  const result = await verifyInboxRequest(
    await getDb(),
    principal.workspaceId,
    { inboxId: params.id, requestId: params.requestId, webhookId: query.data.webhook_id },
    { content: query.data.content },
  );
  if (!result.ok) throw result.error === "webhook_not_found" ? webhookNotFound() : inboxRequestNotFound();
  return Response.json({ ...result.verdict, content: result.content });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
