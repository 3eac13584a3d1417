import { ApiError } from "@/lib/api/errors";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { getRecovery } from "@/lib/recovery/recover";

export const dynamic = "force-dynamic";

// A recovery's progress: `done` of `total` requeued, `completed` once its last batch ran.
export const GET = apiRoute<{ id: string }>(async ({ params, principal }) => {
  const recovery = await getRecovery(await getDb(), principal.workspaceId, params.id);
  if (!recovery) throw new ApiError("not_found", "recoveryNotFound");
  return Response.json(recovery);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
