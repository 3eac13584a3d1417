import { z } from "zod";
import { ApiError } from "@/lib/api/errors";
import { inboxNotFound } from "@/lib/api/inbox-responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { KEPT_REQUESTS, listInboxRequests } from "@/lib/inbox/requests";
import { inboxRequestJson } from "@/lib/inbox/serialize";
import { issueMessage as m, toFieldIssues } from "@/lib/validation/issues";

export const dynamic = "force-dynamic";

const pageQuery = z.object({
  before: z.uuid({ error: m("inboxCursor") }).optional(),
  after: z.uuid({ error: m("inboxCursor") }).optional(),
  limit: z.coerce
    .number({ error: m("inboxLimit", { max: KEPT_REQUESTS }) })
    .int({ error: m("inboxLimit", { max: KEPT_REQUESTS }) })
    .min(1, { error: m("inboxLimit", { max: KEPT_REQUESTS }) })
    .max(KEPT_REQUESTS, { error: m("inboxLimit", { max: KEPT_REQUESTS }) })
    .optional(),
});

// Newest first; `older` is the cursor for the next page (`?before=`), null on the last one; `?after=` polls
// for what arrived since a request the caller has.
export const GET = apiRoute<{ id: string }>(async ({ request, params, principal }) => {
  const query = pageQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    throw new ApiError("validation_failed", "inboxQueryInvalid", {
      issues: toFieldIssues(query.error),
    });
  }
  const page = await listInboxRequests(await getDb(), principal.workspaceId, params.id, query.data);
  if (!page) throw inboxNotFound();
  return Response.json({ requests: page.requests.map(inboxRequestJson), older: page.older });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
