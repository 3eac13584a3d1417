import "server-only";
import { and, eq } from "drizzle-orm";
import type { Database } from "@/db";
import { webhooks } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import type { WorkspaceContext } from "@/lib/context";
import { encryptHeader, encryptSecret, encryptUrl } from "@/lib/crypto/webhook-secrets";
import { ownInboxRoute } from "@/lib/inbox/own-target";
import { checkTargetForSave, targetPolicy } from "@/lib/targets/guard";
import { type FieldIssue, issueMessage, toFieldIssues } from "@/lib/validation/issues";
import { creationInput, mergePatch } from "./patch";
import { getWebhook, isWebhookId } from "./queries";
import { type Webhook, webhookSchema } from "./schemas";
import { generateSigningSecret } from "./secret";
import { toWebhook } from "./serialize";

export type MutationResult =
  | { ok: true; webhook: Webhook }
  | { ok: false; error: "not_found" }
  | { ok: false; error: "validation_failed"; issues: FieldIssue[] };

// Switching a webhook on again forgets why the system had switched it off, its run of failures, and the
// acknowledgement of that switch-off (the next one is a new notice for the owners).
function reactivation(active: boolean) {
  return active ? { disabled_reason: null, failing_since: null, disabled_acknowledged_at: null } : {};
}

// The payload URL must not point into our own networks (SSRF); the worker checks again before each send.
// A live inbox of the workspace on this instance is the one exception (lib/inbox/own-target.ts).
async function targetIssues(db: Database, workspaceId: string, url: string): Promise<FieldIssue[]> {
  if (await ownInboxRoute(db, url, { workspaceId })) return [];
  const check = await checkTargetForSave(url, targetPolicy());
  if (check.ok) return [];
  return [{ path: "payload_url", message: issueMessage("urlNotPublic", { reason: check.message }) }];
}

const byId = (workspaceId: string, id: string) =>
  and(eq(webhooks.workspace_id, workspaceId), eq(webhooks.id, id));

const target = (webhook: { id: string; name: string }) => ({ id: webhook.id, label: webhook.name });

// The fields a save changed, for the audit log (names only: values may hold credentials).
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(after).filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

export async function createWebhook(
  db: Database,
  context: WorkspaceContext,
  input: unknown,
): Promise<MutationResult> {
  const parsed = webhookSchema.safeParse(creationInput(input));
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  const refused = await targetIssues(db, context.workspaceId, parsed.data.payload_url);
  if (refused.length > 0) return { ok: false, error: "validation_failed", issues: refused };
  const [row] = await db
    .insert(webhooks)
    // Header values, the payload URL and the signing secret are stored encrypted (lib/crypto); toWebhook
    // decrypts them.
    .values({
      ...parsed.data,
      payload_url: encryptUrl(parsed.data.payload_url),
      header: encryptHeader(parsed.data.header),
      workspace_id: context.workspaceId,
      secret: encryptSecret(generateSigningSecret()),
    })
    .returning();
  if (!row) throw new Error("insert returned no row");
  await recordAudit(db, context, { action: "webhook.create", target: target(row) });
  return { ok: true, webhook: toWebhook(row) };
}

// Partial update: see mergePatch. A full replacement is a patch that sends every field.
export async function updateWebhook(
  db: Database,
  context: WorkspaceContext,
  id: string,
  patch: unknown,
): Promise<MutationResult> {
  const existing = await getWebhook(db, context.workspaceId, id);
  if (!existing) return { ok: false, error: "not_found" };
  const parsed = webhookSchema.safeParse(mergePatch(existing, patch));
  if (!parsed.success) return { ok: false, error: "validation_failed", issues: toFieldIssues(parsed.error) };
  if (parsed.data.payload_url !== existing.payload_url) {
    const refused = await targetIssues(db, context.workspaceId, parsed.data.payload_url);
    if (refused.length > 0) return { ok: false, error: "validation_failed", issues: refused };
  }
  const [row] = await db
    .update(webhooks)
    .set({
      ...parsed.data,
      payload_url: encryptUrl(parsed.data.payload_url),
      header: encryptHeader(parsed.data.header),
      ...reactivation(parsed.data.active),
      date_updated: new Date(),
    })
    .where(byId(context.workspaceId, id))
    .returning();
  if (!row) return { ok: false, error: "not_found" };
  const fields = changedFields(existing, parsed.data);
  await recordAudit(db, context, { action: "webhook.update", target: target(row), details: { fields } });
  return { ok: true, webhook: toWebhook(row) };
}

export async function setWebhookActive(
  db: Database,
  context: WorkspaceContext,
  id: string,
  active: boolean,
): Promise<Webhook | null> {
  if (!isWebhookId(id)) return null;
  const [row] = await db
    .update(webhooks)
    .set({ active, ...reactivation(active), date_updated: new Date() })
    .where(byId(context.workspaceId, id))
    .returning();
  if (!row) return null;
  await recordAudit(db, context, { action: "webhook.toggle", target: target(row), details: { active } });
  return toWebhook(row);
}

export async function deleteWebhook(db: Database, context: WorkspaceContext, id: string): Promise<boolean> {
  if (!isWebhookId(id)) return false;
  const [deleted] = await db
    .delete(webhooks)
    .where(byId(context.workspaceId, id))
    .returning({ id: webhooks.id, name: webhooks.name });
  if (!deleted) return false;
  await recordAudit(db, context, { action: "webhook.delete", target: target(deleted) });
  return true;
}

// A new signing secret; the old one keeps signing beside it for `overlapMs`, so receivers can switch over.
export async function rotateWebhookSecret(
  db: Database,
  context: WorkspaceContext,
  id: string,
  overlapMs: number,
): Promise<Webhook | null> {
  const existing = await getWebhook(db, context.workspaceId, id);
  if (!existing) return null;
  const [row] = await db
    .update(webhooks)
    .set({
      secret: encryptSecret(generateSigningSecret()),
      previous_secret: encryptSecret(existing.secret),
      previous_secret_expires_at: new Date(Date.now() + overlapMs),
      date_updated: new Date(),
    })
    .where(byId(context.workspaceId, id))
    .returning();
  if (!row) return null;
  await recordAudit(db, context, { action: "webhook.rotate_secret", target: target(row) });
  return toWebhook(row);
}
