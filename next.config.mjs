import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite loads its WebAssembly from its own package folder; bundling it breaks that at run time.
  serverExternalPackages: ["@electric-sql/pglite", "proper-lockfile"],
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
