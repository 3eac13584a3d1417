// Which header values are secrets, and how they are masked: one rule for the delivery log (on the server,
// before a request is stored) and for the browser (cURL copies, inbox requests). Pure, no server code.

// Header names that usually carry credentials.
const SECRET_NAME = /auth|token|key|secret|password|passwd|cookie|session|signature|credential/i;

/** Whether a header's value is a secret: by its name, or because it is one of `secretNames` (lower case). */
export function isSecretHeader(name: string, secretNames: ReadonlySet<string> = new Set()): boolean {
  return SECRET_NAME.test(name) || secretNames.has(name.toLowerCase());
}

/** The headers with every secret value masked. */
export function maskHeaders(
  headers: readonly (readonly [string, string])[],
  secretNames: ReadonlySet<string> = new Set(),
): [string, string][] {
  return headers.map(([name, value]) => [name, isSecretHeader(name, secretNames) ? maskValue(value) : value]);
}

/** Keeps a hint of which credential it was (its scheme and last characters), never enough to reuse it. */
export function maskValue(value: string): string {
  const scheme = /^(bearer|basic|token)\s+/i.exec(value)?.[0] ?? "";
  const secret = value.slice(scheme.length);
  return `${scheme}${secret.length > 12 ? `••••${secret.slice(-4)}` : "••••"}`;
}
