// Credentials in payload URLs: the sender turns `https://user:pass@host/…` into Basic auth, and query
// values often carry tokens (`?token=…`), so both are secrets like header values. Pure and without
// `server-only`: the webhook schema (which the browser loads too) refuses a masked URL.

/** What stands in for a URL's password and query values wherever someone may not see them. */
export const URL_MASK = "••••";

/**
 * The URL with its credentials masked: the password of its userinfo (or a lone user name, which Basic auth
 * sends as well) and every query value, e.g. `https://user:••••@host/path?token=••••`. `keepParam` names
 * query parameters that are no secret. A URL without userinfo or query comes back unchanged; one that does
 * not parse is masked whole.
 */
export function maskUrl(url: string, keepParam: (name: string) => boolean = () => false): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return URL_MASK;
  }
  if (!parsed.username && !parsed.password && !parsed.search) return url;
  const user = parsed.password ? `${parsed.username}:${URL_MASK}@` : parsed.username ? `${URL_MASK}@` : "";
  const query = parsed.search
    .slice(1)
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals === -1 ? pair : pair.slice(0, equals);
      if (pair === "" || keepParam(decodeName(name))) return pair;
      if (equals === -1) return URL_MASK;
      return equals === pair.length - 1 ? pair : `${name}=${URL_MASK}`;
    })
    .join("&");
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}${query ? `?${query}` : ""}${parsed.hash}`;
}

/**
 * How the delivery log masks a sent URL: credentials and the payload URL's own query values are masked;
 * what Hooksmith appended for a GET (`element_data` and the body fields) stays readable, unless the payload
 * URL has a parameter of the same name.
 */
export function maskSentUrl(
  sentUrl: string,
  webhook: { payload_url: string; body: readonly { key: string }[] },
): string {
  const own = new Set<string>();
  try {
    for (const name of new URL(webhook.payload_url).searchParams.keys()) own.add(name);
  } catch {
    return URL_MASK;
  }
  const appended = new Set(["element_data", ...webhook.body.map((row) => row.key)]);
  return maskUrl(sentUrl, (name) => appended.has(name) && !own.has(name));
}

function decodeName(name: string): string {
  try {
    return decodeURIComponent(name.replaceAll("+", " "));
  } catch {
    return name;
  }
}
