import type { ReactNode } from "react";

// Sign-in, set-up, invite and no-workspace pages: one narrow column.
export default function AuthLayout({ children }: { children: ReactNode }) {
  return <div className="mx-auto max-w-md pt-8">{children}</div>;
}
