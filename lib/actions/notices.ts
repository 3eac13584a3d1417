"use server";

import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { acknowledgeDisabled } from "@/lib/webhooks/notices";
import { type ActionResult, failed, succeeded } from "./result";

// The owners' notice of webhooks Hooksmith switched off. A public endpoint: only an owner may acknowledge,
// and anyone else is answered as if there were no such notice.

export async function acknowledgeDisabledAction(webhookId: string): Promise<ActionResult<null, "not_found">> {
  const access = await accessFor("owner");
  if (!access) return failed("not_found");
  const done = await acknowledgeDisabled(await getDb(), access.workspaceId, String(webhookId));
  return done ? succeeded(null) : failed("not_found");
}
