import { readJson } from "@/lib/api/read-json";
import { mutationResponse } from "@/lib/api/responses";
import { apiRoute, otherMethods } from "@/lib/api/route";
import { getDb } from "@/lib/db";
import { createWebhook } from "@/lib/webhooks/mutations";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async ({ request, principal }) => {
  const input = await readJson(request);
  return mutationResponse(await createWebhook(await getDb(), principal, input), 201);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
