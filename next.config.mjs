import createNextIntlPlugin from "next-intl/plugin";
import {
  apiContentSecurityPolicy,
  staticSecurityHeaders,
  strictTransportSecurity,
} from "./lib/security/headers.mjs";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly from its own package folder; bundling it breaks that at run time.
  serverExternalPackages: ["@electric-sql/pglite", "proper-lockfile"],
  poweredByHeader: false,
  // Pages get their Content-Security-Policy (with a nonce) from proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: staticSecurityHeaders },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: apiContentSecurityPolicy }],
      },
      // Behind a TLS-terminating proxy (X-Forwarded-Proto: https), every answer; pages also get it from
      // proxy.ts when BETTER_AUTH_URL is https (this file's rules are fixed at build time, env is not).
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [strictTransportSecurity],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
