import createNextIntlPlugin from "next-intl/plugin";
import { apiContentSecurityPolicy, staticSecurityHeaders } from "./lib/security/headers.mjs";

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
    ];
  },
};

export default withNextIntl(nextConfig);
