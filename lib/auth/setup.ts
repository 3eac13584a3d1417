import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/db";
import { DEFAULT_WORKSPACE_ID, type UserRow, users, workspaces } from "@/db/schema";
import { createUserWithPassword } from "@/lib/accounts/users";
import { setMembership } from "@/lib/workspaces/workspaces";

// Any constant; the same in every process sharing one PostgreSQL, so two set-ups cannot both win.
const SETUP_LOCK_ID = 727_002;
// The name the first migration gives the default workspace, before anyone has set Hooksmith up.
const UNNAMED_DEFAULT = "Default";

/**
 * Creates the first account, owner of the default workspace (where the webhooks made before sign-in
 * existed live, and where API_TOKEN acts; the owner can rename it). Null when someone was first already:
 * the set-up page and ADMIN_EMAIL only ever create one owner.
 * `workspaceName` names the default workspace in the set-up page's language, unless it was renamed already.
 */
export async function createFirstOwner(
  db: Database,
  input: { email: string; password: string },
  workspaceName?: string,
): Promise<UserRow | null> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SETUP_LOCK_ID})`);
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1);
    if (existing) return null;
    const user = await createUserWithPassword(tx, input);
    await setMembership(tx, { workspaceId: DEFAULT_WORKSPACE_ID, userId: user.id, role: "owner" });
    if (workspaceName) {
      await tx
        .update(workspaces)
        .set({ name: workspaceName })
        .where(and(eq(workspaces.id, DEFAULT_WORKSPACE_ID), eq(workspaces.name, UNNAMED_DEFAULT)));
    }
    return user;
  });
}

/** ADMIN_EMAIL/ADMIN_PASSWORD at start-up: the first owner without a browser. Logs what it did. */
export async function seedOwnerFromEnv(
  db: Database,
  settings: { ADMIN_EMAIL?: string; ADMIN_PASSWORD?: string },
): Promise<void> {
  const { ADMIN_EMAIL, ADMIN_PASSWORD } = settings;
  if (!ADMIN_EMAIL && !ADMIN_PASSWORD) return;
  if (!ADMIN_EMAIL || !ADMIN_PASSWORD) {
    console.warn("[hooksmith] set both ADMIN_EMAIL and ADMIN_PASSWORD to create the first owner; ignoring");
    return;
  }
  const owner = await createFirstOwner(db, { email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (owner) console.log(`[hooksmith] created the owner ${owner.email} from ADMIN_EMAIL`);
}
