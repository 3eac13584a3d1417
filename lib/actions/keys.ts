"use server";

import { recordAudit } from "@/lib/audit/record";
import { accessFor } from "@/lib/auth/access";
import { getDb } from "@/lib/db";
import { createKey, type KeyGrant, revokeKey } from "@/lib/keys/keys";
import { endOfDay, keySchema } from "@/lib/keys/schema";
import { toFieldIssues } from "@/lib/validation/issues";
import { refused } from "./refused";
import { type ActionResult, failed, succeeded } from "./result";

// Public endpoints: owners only, every input validated here.

export async function createKeyAction(
  input: unknown,
): Promise<ActionResult<{ token: string }, "forbidden" | "validation_failed">> {
  const access = await accessFor("owner");
  if (!access) return failed("forbidden");
  const parsed = keySchema.safeParse(input);
  if (!parsed.success) return refused(toFieldIssues(parsed.error));
  const { name, kind, scope, expires } = parsed.data;
  const db = await getDb();
  // The schema has refused an API key without a scope and an event key with one.
  const grant: KeyGrant = kind === "api" ? { kind, scope: scope ?? "read" } : { kind };
  const { key, token } = await createKey(db, {
    workspaceId: access.workspaceId,
    name,
    ...grant,
    expiresAt: expires ? new Date(endOfDay(expires)) : null,
    createdBy: access.actor.kind === "user" ? access.actor.id : null,
  });
  await recordAudit(db, access, {
    action: "key.create",
    target: { id: key.id, label: `${key.name} (${key.prefix}…)` },
    details: { kind, scope: key.scope, expires_at: key.expires_at?.toISOString() ?? null },
  });
  // Shown once: only its hash is stored.
  return succeeded({ token });
}

export async function revokeKeyAction(id: string): Promise<ActionResult<null, "forbidden" | "not_found">> {
  const access = await accessFor("owner");
  if (!access) return failed("forbidden");
  const db = await getDb();
  const key = await revokeKey(db, access.workspaceId, String(id));
  if (!key) return failed("not_found");
  await recordAudit(db, access, {
    action: "key.revoke",
    target: { id: key.id, label: `${key.name} (${key.prefix}…)` },
  });
  return succeeded(null);
}
