"use client";

import { ThemeProvider as NextThemes } from "next-themes";
import type { ReactNode } from "react";

// The theme follows the system until someone picks light or dark in the user menu (kept in localStorage).
// next-themes sets the `dark` class on <html> from a script that runs before the first paint: no flash.
export function ThemeProvider({ children, nonce }: { children: ReactNode; nonce: string | undefined }) {
  return (
    <NextThemes attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange nonce={nonce}>
      {children}
    </NextThemes>
  );
}
