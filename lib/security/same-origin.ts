// Server actions are POSTs to a page's own path. Next refuses one whose Origin is another site (a CSRF
// attempt) by throwing, which answers 500; proxy.ts refuses it first with a 403. The same comparison as
// Next's: the Origin's host against X-Forwarded-Host (first value) or else Host. A request without an
// Origin passes, as in Next (no browser sends credentials cross-site without one); "null" does not.

/** Whether this request changes something on a page path from another origin. */
export function isCrossOriginPagePost(request: { method: string; headers: Headers }): boolean {
  if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS") return false;
  const origin = request.headers.get("origin");
  if (origin === null) return false;
  const host =
    request.headers.get("x-forwarded-host")?.split(",")[0]?.trim() || request.headers.get("host") || "";
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  return originHost === "" || originHost !== host;
}

/**
 * Whether answers should carry Strict-Transport-Security: the app's configured URL is https, or the
 * reverse proxy in front of it says the request came over https. On plain http browsers ignore it anyway.
 */
export function servedOverHttps(configuredUrl: string | undefined, headers: Headers): boolean {
  if (configuredUrl?.toLowerCase().startsWith("https://")) return true;
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
