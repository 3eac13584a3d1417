// Security headers. Plain JavaScript so next.config.mjs can import it; proxy.ts adds the per-request
// Content-Security-Policy of pages (it needs a nonce), next.config.mjs sets the rest on every response.

/** Headers every response carries, pages and API alike. */
export const staticSecurityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // For browsers without CSP frame-ancestors; the CSP says the same.
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/**
 * Browsers keep to https on this host for a year once they see this over https. Not includeSubDomains: other
 * hosts under the same domain may still serve plain http. proxy.ts adds it to pages when BETTER_AUTH_URL is
 * https or the proxy in front forwards https; next.config.mjs to every answer forwarded as https.
 */
export const strictTransportSecurity = { key: "Strict-Transport-Security", value: "max-age=31536000" };

/** API answers are JSON: they may load nothing and be framed nowhere. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/**
 * The CSP of a page: scripts only with this request's nonce ('strict-dynamic' lets them load Next's
 * chunks), no plugins, no framing, forms only to us. Styles allow inline attributes: Radix positions
 * popovers with style attributes, and style injection cannot run code. Development needs eval for
 * React's debugging.
 * @param {string} nonce
 * @param {{ development?: boolean }} [options]
 */
export function pageContentSecurityPolicy(nonce, options = {}) {
  const eval_ = options.development ? " 'unsafe-eval'" : "";
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${eval_}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
