import "server-only";
import { Webhook } from "standardwebhooks";

export type SignatureHeaders = {
  "webhook-id": string;
  "webhook-timestamp": string;
  "webhook-signature": string;
};

export type SignatureInput = {
  /** Stable across retries (the delivery id), so receivers can drop duplicates. */
  id: string;
  timestamp: Date;
  /** Exactly the body that is sent; "" for a request without one (GET). */
  body: string;
  /** Every secret currently valid: after a rotation the old and the new one, so either verifies. */
  secrets: readonly string[];
};

/** The Standard Webhooks headers for one attempt: one `v1,<base64 HMAC-SHA256>` per secret. */
export function signatureHeaders({ id, timestamp, body, secrets }: SignatureInput): SignatureHeaders {
  const unique = [...new Set(secrets)];
  if (unique.length === 0) throw new Error("signatureHeaders needs at least one secret");
  const signatures = unique.map((secret) => new Webhook(secret).sign(id, timestamp, body));
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
