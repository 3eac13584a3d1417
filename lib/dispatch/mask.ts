import "server-only";

// Header names that usually carry credentials: their values never reach the delivery log.
const SECRET_NAME = /auth|token|key|secret|password|passwd|cookie|session|signature|credential/i;

// `secretNames` (lower case): further headers whose values are secrets, e.g. a webhook's own custom headers.
export function maskHeaders(
  headers: readonly (readonly [string, string])[],
  secretNames: ReadonlySet<string> = new Set(),
): [string, string][] {
  return headers.map(([name, value]) => [
    name,
    SECRET_NAME.test(name) || secretNames.has(name.toLowerCase()) ? mask(value) : value,
  ]);
}

// Keeps a hint of which credential it was (its scheme and last characters), never enough to reuse it.
function mask(value: string): string {
  const scheme = /^(bearer|basic|token)\s+/i.exec(value)?.[0] ?? "";
  const secret = value.slice(scheme.length);
  return `${scheme}${secret.length > 12 ? `••••${secret.slice(-4)}` : "••••"}`;
}
