import type { ReactNode } from "react";

// Pages bring their own <html>: app/[locale]/layout.tsx, and app/not-found.tsx for paths outside a locale.
// Next needs a root layout once there is a root not-found page; this one only passes its children on.
export default function RootLayout({ children }: { children: ReactNode }) {
  return children;
}
