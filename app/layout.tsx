import type { Metadata } from "next";
import type { ReactNode } from "react";

// Every page, the not-found ones too: the browser asks for these icons instead of a /favicon.ico there is none
// of. The PNGs are rendered from favicon.svg by scripts/generate-icons.mjs; app/manifest.ts adds its link.
export const metadata: Metadata = {
  icons: {
    icon: [
      { url: "/favicon.svg", type: "image/svg+xml" },
      { url: "/icon-32.png", type: "image/png", sizes: "32x32" },
      { url: "/icon-16.png", type: "image/png", sizes: "16x16" },
    ],
    apple: { url: "/apple-touch-icon.png", sizes: "180x180" },
  },
};

// Pages bring their own <html>: app/[locale]/layout.tsx, and app/not-found.tsx for paths outside a locale.
// Next needs a root layout once there is a root not-found page; this one only passes its children on.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
