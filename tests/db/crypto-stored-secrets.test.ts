import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_WORKSPACE_ID, type WebhookRow, webhooks } from "@/db/schema";
import type { WorkspaceContext } from "@/lib/context";
import { decryptValue, encryptionKeyFrom, isEncrypted } from "@/lib/crypto/envelope";
import { encryptionKey } from "@/lib/crypto/key";
import { checkStoredSecretsKey, encryptPlaintextSecrets } from "@/lib/crypto/stored-secrets";
import { createWebhook, rotateWebhookSecret, updateWebhook } from "@/lib/webhooks/mutations";
import { getWebhook } from "@/lib/webhooks/queries";
import type { Webhook } from "@/lib/webhooks/schemas";
import { isSigningSecret } from "@/lib/webhooks/secret";
import { MASKED_SECRET, MASKED_VALUE, visibleTo } from "@/lib/webhooks/serialize";
import { databaseBackends } from "../helpers/database-backends";
import { insertWebhook, useDatabase } from "../helpers/rows";

const here: WorkspaceContext = {
  workspaceId: DEFAULT_WORKSPACE_ID,
  actor: { kind: "token", id: null, label: "API_TOKEN" },
};
const AUTHORIZATION = "Bearer sk_live_9f8e7d6c5b4a39281706";
const TENANT = "tenant-4711-private";
const URL_WITH_CREDENTIALS = "https://crm:pa55-7731@crm.example.com/hooks/rsvp?token=tok-5521";

const backends = databaseBackends();

function stored(result: Awaited<ReturnType<typeof createWebhook>>): Webhook {
  if (!result.ok) throw new Error(`expected a stored webhook, got ${JSON.stringify(result)}`);
  return result.webhook;
}

describe.each(backends)("secrets at rest on $name", ({ open }) => {
  const { db, second } = useDatabase(open);
  const rowOf = async (id: string): Promise<WebhookRow> => {
    const [row] = await db().select().from(webhooks).where(eq(webhooks.id, id));
    if (!row) throw new Error(`no row ${id}`);
    return row;
  };

  beforeEach(async () => {
    await db().delete(webhooks);
  });

  it("stores header values and signing secrets encrypted, and reads them back decrypted", async () => {
    const created = stored(
      await createWebhook(db(), here, {
        name: "CRM sync",
        payload_url: URL_WITH_CREDENTIALS,
        trigger_element: "rsvp_answer",
        trigger: "create",
        header: [
          { key: "Authorization", value: AUTHORIZATION },
          { key: "X-Tenant", value: TENANT },
        ],
      }),
    );
    expect(isSigningSecret(created.secret)).toBe(true);
    const rotated = await rotateWebhookSecret(db(), here, created.id, 60_000);
    if (!rotated) throw new Error("rotation failed");

    const row = await rowOf(created.id);
    const text = JSON.stringify(row);
    for (const plaintext of [
      AUTHORIZATION,
      "sk_live_9f8e7d6c5b4a39281706",
      TENANT,
      created.secret,
      rotated.secret,
      "pa55-7731",
      "tok-5521",
    ]) {
      expect(text).not.toContain(plaintext);
    }
    expect(text).not.toContain(created.secret.slice("whsec_".length));
    expect(isEncrypted(row.secret)).toBe(true);
    expect(isEncrypted(row.payload_url)).toBe(true);
    expect(isEncrypted(row.previous_secret ?? "")).toBe(true);
    expect(row.header.map((entry) => entry.key)).toEqual(["Authorization", "X-Tenant"]);
    expect(row.header.every((entry) => isEncrypted(entry.value))).toBe(true);
    expect(decryptValue(row.previous_secret ?? "", encryptionKey())).toBe(created.secret);

    const read = await getWebhook(db(), here.workspaceId, created.id);
    expect(read?.secret).toBe(rotated.secret);
    expect(read?.payload_url).toBe(URL_WITH_CREDENTIALS);
    expect(read?.header).toEqual([
      { key: "Authorization", value: AUTHORIZATION },
      { key: "X-Tenant", value: TENANT },
    ]);
  });

  it("encrypts the header values an update sends", async () => {
    const created = stored(
      await createWebhook(db(), here, {
        name: "Updated",
        payload_url: "https://crm.example.com/hooks/rsvp",
        trigger_element: "rsvp_answer",
        trigger: "create",
      }),
    );
    const updated = await updateWebhook(db(), here, created.id, {
      header: [{ key: "Authorization", value: AUTHORIZATION }],
    });
    expect(updated.ok).toBe(true);
    expect(JSON.stringify(await rowOf(created.id))).not.toContain("sk_live");
    expect((await getWebhook(db(), here.workspaceId, created.id))?.header).toEqual([
      { key: "Authorization", value: AUTHORIZATION },
    ]);
  });

  it("encrypts plaintext stored before encryption once, even when two processes start together", async () => {
    const key = encryptionKey();
    const legacy = await insertWebhook(db(), {
      name: "From before encryption",
      payload_url: "https://crm:legacy-pw@crm.example.com/hooks/legacy?token=legacy-tok",
      header: [
        { key: "Authorization", value: AUTHORIZATION },
        { key: "X-Tenant", value: TENANT },
      ],
      secret: "whsec_bGVnYWN5LXNpZ25pbmctc2VjcmV0LTEyMzQ1Ng==",
      previous_secret: "whsec_cHJldmlvdXMtc2lnbmluZy1zZWNyZXQtMTIzNA==",
      previous_secret_expires_at: new Date(Date.now() + 60_000),
    });
    const current = stored(
      await createWebhook(db(), here, {
        name: "Already encrypted",
        payload_url: "https://crm.example.com/hooks/new",
        trigger_element: "rsvp_answer",
        trigger: "create",
        header: [{ key: "Authorization", value: AUTHORIZATION }],
      }),
    );
    const currentRow = await rowOf(current.id);
    // A webhook stored as plaintext reads as it is until it is encrypted.
    expect((await getWebhook(db(), here.workspaceId, legacy.id))?.secret).toBe(legacy.secret);

    const other = await second();
    const changed = await Promise.all([
      encryptPlaintextSecrets(db(), key),
      encryptPlaintextSecrets(other.db, key),
    ]);
    expect(changed[0] + changed[1]).toBe(1);

    const row = await rowOf(legacy.id);
    expect(JSON.stringify(row)).not.toContain("sk_live");
    expect(JSON.stringify(row)).not.toContain(TENANT);
    expect(JSON.stringify(row)).not.toContain("legacy-pw");
    expect(JSON.stringify(row)).not.toContain("legacy-tok");
    expect(isEncrypted(row.payload_url)).toBe(true);
    expect(isEncrypted(row.secret)).toBe(true);
    expect(isEncrypted(row.previous_secret ?? "")).toBe(true);
    const read = await getWebhook(db(), here.workspaceId, legacy.id);
    expect(read?.secret).toBe(legacy.secret);
    expect(read?.header).toEqual(legacy.header);
    expect(read?.payload_url).toBe(legacy.payload_url);
    expect(decryptValue(row.previous_secret ?? "", key)).toBe(legacy.previous_secret);
    // Encrypted rows are left as they are, and a second run finds nothing to do.
    expect(await rowOf(current.id)).toEqual(currentRow);
    expect(await encryptPlaintextSecrets(db(), key)).toBe(0);
    expect(await rowOf(legacy.id)).toEqual(row);
  });

  it("refuses a key that cannot read the stored secrets", async () => {
    await expect(checkStoredSecretsKey(db(), encryptionKeyFrom(randomBytes(32)))).resolves.toBeUndefined();
    stored(
      await createWebhook(db(), here, {
        name: "Keyed",
        payload_url: "https://crm.example.com/hooks/rsvp",
        trigger_element: "rsvp_answer",
        trigger: "create",
      }),
    );
    await expect(checkStoredSecretsKey(db(), encryptionKey())).resolves.toBeUndefined();
    await expect(checkStoredSecretsKey(db(), encryptionKeyFrom(randomBytes(32)))).rejects.toThrow(
      /cannot read the secrets stored in the database.*same ENCRYPTION_KEY/,
    );
  });
});

describe("what each role sees of a webhook", () => {
  const webhook = {
    id: "00000000-0000-4000-8000-000000000001",
    name: "CRM sync",
    payload_url: URL_WITH_CREDENTIALS,
    header: [
      { key: "Authorization", value: AUTHORIZATION },
      { key: "X-Tenant", value: TENANT },
    ],
    secret: "whsec_c2VjcmV0LXNpZ25pbmctc2VjcmV0LTEyMzQ1Njc4",
  } as Webhook;

  it("masks header values, the signing secret and the payload URL's credentials for viewers", () => {
    const seen = visibleTo("viewer", webhook);
    expect(seen.header).toEqual([
      { key: "Authorization", value: MASKED_VALUE },
      { key: "X-Tenant", value: MASKED_VALUE },
    ]);
    expect(seen.secret).toBe(MASKED_SECRET);
    expect(seen.payload_url).toBe("https://crm:••••@crm.example.com/hooks/rsvp?token=••••");
    expect(JSON.stringify(seen)).not.toContain("pa55");
    expect(JSON.stringify(seen)).not.toContain("tok-5521");
    expect(JSON.stringify(seen)).not.toContain("sk_live");
    expect(JSON.stringify(seen)).not.toContain(TENANT);
    expect(JSON.stringify(seen)).not.toContain("c2VjcmV0");
  });

  it("shows them to editors and owners", () => {
    expect(visibleTo("editor", webhook)).toEqual(webhook);
    expect(visibleTo("owner", webhook)).toEqual(webhook);
  });
});
