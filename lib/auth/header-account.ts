import type { Role } from "@/lib/workspaces/roles";

// What the app header shows of the signed-in user (lib/auth/header.ts reads it), typed without "server-only"
// so components/layout/app-header.tsx can take it as a prop.
export type HeaderAccount = {
  email: string;
  workspaces: { id: string; name: string }[];
  active: { id: string; name: string; role: Role } | null;
  /** Owners: webhooks Hooksmith switched off whose notice is not acknowledged (lib/webhooks/notices.ts). */
  notices: number;
};
