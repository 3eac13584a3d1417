import "server-only";
import type { KeyObject } from "node:crypto";
import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { type KeyValue, webhooks } from "@/db/schema";
import { encryptLegacyDeliveryRequests, protectLegacyRequestUrls } from "./delivery-requests";
import { DecryptionError, decryptValue, ENCRYPTED_PREFIX, encryptValue, isEncrypted } from "./envelope";
import { encryptionKey } from "./key";

const ENCRYPTED = "^enc:v[0-9]+:";
const BATCH = 200;

/**
 * Refuses a key that cannot read what is stored: another process (or an earlier start) encrypted with a
 * different ENCRYPTION_KEY or data folder. Starting anyway would fail every delivery and mix two keys.
 */
export async function checkStoredSecretsKey(db: Database, key: KeyObject): Promise<void> {
  const [row] = await db
    .select({ secret: webhooks.secret })
    .from(webhooks)
    .where(sql`starts_with(${webhooks.secret}, ${ENCRYPTED_PREFIX})`)
    .orderBy(asc(webhooks.id))
    .limit(1);
  if (!row) return;
  try {
    decryptValue(row.secret, key);
  } catch (error) {
    if (!(error instanceof DecryptionError)) throw error;
    throw new Error(
      "The encryption key of this process cannot read the secrets stored in the database: they were " +
        "encrypted with another key. Give every app and worker process the same ENCRYPTION_KEY (or data folder " +
        "with its encryption-key file) as the process that stored them.",
    );
  }
}

const plain = (value: string) => !isEncrypted(value);

/**
 * Encrypts what was stored as plaintext before encryption existed, in batches; returns how many webhooks
 * it changed. Safe to run twice and in several processes at once: each row is written only if it still
 * holds the plaintext that was read (compare-and-set), so a row another process (or a save) changed
 * meanwhile is left alone, and nothing is ever encrypted twice.
 */
export async function encryptPlaintextSecrets(db: Database, key: KeyObject): Promise<number> {
  let changed = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const rows = await db
      .select({
        id: webhooks.id,
        secret: webhooks.secret,
        previous_secret: webhooks.previous_secret,
        payload_url: webhooks.payload_url,
        header: webhooks.header,
      })
      .from(webhooks)
      .where(
        and(
          gt(webhooks.id, after),
          or(
            sql`${webhooks.secret} !~ ${ENCRYPTED}`,
            sql`${webhooks.previous_secret} !~ ${ENCRYPTED}`,
            sql`${webhooks.payload_url} !~ ${ENCRYPTED}`,
            sql`exists (select 1 from jsonb_array_elements(${webhooks.header}) as h
              where jsonb_typeof(h->'value') = 'string' and h->>'value' !~ ${ENCRYPTED})`,
          ),
        ),
      )
      .orderBy(asc(webhooks.id))
      .limit(BATCH);
    if (rows.length === 0) return changed;
    after = rows[rows.length - 1]?.id ?? after;
    for (const row of rows) {
      const header: KeyValue[] = row.header.map((entry) =>
        plain(entry.value) ? { key: entry.key, value: encryptValue(entry.value, key) } : entry,
      );
      const updated = await db
        .update(webhooks)
        .set({
          secret: plain(row.secret) ? encryptValue(row.secret, key) : row.secret,
          previous_secret:
            row.previous_secret !== null && plain(row.previous_secret)
              ? encryptValue(row.previous_secret, key)
              : row.previous_secret,
          payload_url: plain(row.payload_url) ? encryptValue(row.payload_url, key) : row.payload_url,
          header,
        })
        .where(
          and(
            eq(webhooks.id, row.id),
            eq(webhooks.secret, row.secret),
            eq(webhooks.payload_url, row.payload_url),
            row.previous_secret === null
              ? isNull(webhooks.previous_secret)
              : eq(webhooks.previous_secret, row.previous_secret),
            sql`${webhooks.header} = ${JSON.stringify(row.header)}::jsonb`,
          ),
        )
        .returning({ id: webhooks.id });
      changed += updated.length;
    }
    if (rows.length < BATCH) return changed;
  }
}

/**
 * Start-up of every process that opens the database: load the key, make sure it reads what is stored,
 * and encrypt what an earlier version stored as plaintext.
 */
export async function prepareStoredSecrets(db: Database): Promise<void> {
  const key = encryptionKey();
  await checkStoredSecretsKey(db, key);
  // Before the webhooks' URLs are encrypted: it finds the deliveries to protect by their plaintext URL.
  const urls = await protectLegacyRequestUrls(db, key);
  if (urls > 0) console.log(`[hooksmith] encrypted or masked the payload URL in ${urls} stored request(s)`);
  const changed = await encryptPlaintextSecrets(db, key);
  if (changed > 0) console.log(`[hooksmith] encrypted the stored secrets of ${changed} webhook(s)`);
  const requests = await encryptLegacyDeliveryRequests(db, key);
  if (requests > 0)
    console.log(`[hooksmith] encrypted the stored header values of ${requests} delivery(ies)`);
}
