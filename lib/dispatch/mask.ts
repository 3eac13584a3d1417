import "server-only";
import type { StoredRequest } from "@/db/schema";
import { maskSentUrl } from "@/lib/crypto/url-secrets";
import { isSecretHeader, maskHeaders, maskValue } from "@/lib/http/secret-headers";

// Header values that usually carry credentials never reach the delivery log (lib/http/secret-headers.ts,
// shared with the browser's cURL copies). `secretNames` (lower case): further headers whose values are
// secrets, e.g. a webhook's own custom headers.

/** What the log must not show of a webhook's requests: its own header values and its URL's credentials. */
export type LogSecrets = {
  headers: ReadonlySet<string>;
  webhook: { payload_url: string; body: readonly { key: string }[] };
};

export function logSecretsOf(
  webhook: LogSecrets["webhook"] & { header: readonly { key: string }[] },
): LogSecrets {
  return {
    headers: new Set(webhook.header.map((entry) => entry.key.toLowerCase())),
    webhook: { payload_url: webhook.payload_url, body: webhook.body },
  };
}

/** A sent request as the delivery log keeps it: credentials in headers and in the URL masked. */
export function maskRequest(request: StoredRequest, secrets: LogSecrets): StoredRequest {
  return {
    ...request,
    url: maskSentUrl(request.url, secrets.webhook),
    headers: maskHeaders(request.headers, secrets.headers),
  };
}

/**
 * A receiver's response headers as the log keeps them: cookies it sets (`Set-Cookie` keeps the cookie's
 * name and attributes, not its value) and other credential-like headers masked.
 */
export function maskResponseHeaders(headers: readonly (readonly [string, string])[]): [string, string][] {
  return headers.map(([name, value]) => {
    const lower = name.toLowerCase();
    if (lower === "set-cookie" || lower === "set-cookie2") return [name, maskCookie(value)];
    return [name, isSecretHeader(name) ? maskValue(value) : value];
  });
}

// "session=abc123; Path=/; HttpOnly" → "session=••••; Path=/; HttpOnly".
function maskCookie(value: string): string {
  const semicolon = value.indexOf(";");
  const pair = semicolon === -1 ? value : value.slice(0, semicolon);
  const equals = pair.indexOf("=");
  const name = equals === -1 ? "" : pair.slice(0, equals + 1);
  return `${name}••••${semicolon === -1 ? "" : value.slice(semicolon)}`;
}
