import type { Metadata } from "next";
import type { ReactNode } from "react";

// Every page, the not-found ones too: the browser asks for this icon instead of a /favicon.ico there is none of.
export const metadata: Metadata = { icons: { icon: { url: "/favicon.svg", type: "image/svg+xml" } } };

// Pages bring their own <html>: app/[locale]/layout.tsx, and app/not-found.tsx for paths outside a locale.
// Next needs a root layout once there is a root not-found page; this one only passes its children on.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
