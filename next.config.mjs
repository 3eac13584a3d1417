import createNextIntlPlugin from "next-intl/plugin";
import {
  apiContentSecurityPolicy,
  staticSecurityHeaders,
  strictTransportSecurity,
} from "./lib/security/headers.mjs";

const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  // Writes messages/en.d.json.ts (on build, dev and `next typegen`): message arguments typed from the ICU
  // text, so `t("attempts")` without its `count` fails `tsc` (lib/i18n/types.ts).
  experimental: {
    createMessagesDeclaration: "./messages/en.json",
    // ICU messages compiled at build time: browsers get no message parser (~12 kB gzipped of every page's
    // first load, which the editor's 200 kB budget needs). Messages must then come from these files only.
    messages: { path: "./messages", format: "json", locales: ["en", "de"], precompile: true },
  },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly from its own package folder; bundling it breaks that at run time.
  serverExternalPackages: ["@electric-sql/pglite", "proper-lockfile"],
  poweredByHeader: false,
  // One type check, not two: `npm test` runs `tsc --noEmit` over app, lib and tests before it builds
  // (scripts/run-tests.mjs); the build's own pass repeated it at 15–90 s of CPU.
  typescript: { ignoreBuildErrors: true },
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
