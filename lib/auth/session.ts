import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import type { Database } from "@/db";
import { users } from "@/db/schema";
import { getAuth } from "./auth";

export type SignedInUser = { id: string; email: string; name: string };

/** The user of this request's session, or null; read once per request. */
export const currentUser = cache(async (): Promise<SignedInUser | null> => {
  // The request's headers first: while `next build` tries to prerender a page, this ends the attempt
  // before the database is opened (which would create a data folder and keys on the build machine).
  const requestHeaders = await headers();
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  return { id: session.user.id, email: session.user.email, name: session.user.name };
});

// Users are never all removed again, so once one exists the answer stays; cached per process.
const globalForUsers = globalThis as unknown as { hooksmithHasUser?: boolean };

/** Whether anyone can sign in yet; until then every page leads to the set-up page. */
export async function hasAnyUser(db: Database): Promise<boolean> {
  if (globalForUsers.hooksmithHasUser) return true;
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  if (row) globalForUsers.hooksmithHasUser = true;
  return Boolean(row);
}

/** Signs an account in for this browser (Better Auth's nextCookies plugin sets the session cookie). */
export async function signInWithPassword(email: string, password: string): Promise<void> {
  const auth = await getAuth();
  await auth.api.signInEmail({ body: { email, password }, headers: await headers() });
}
