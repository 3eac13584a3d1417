import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/db";
import { auditLog, memberships, workspaces } from "@/db/schema";
import { createUserWithPassword } from "@/lib/accounts/users";
import type { Actor, WorkspaceContext } from "@/lib/context";
import { changeMemberRole, removeMember } from "@/lib/workspaces/members";
import {
  createWorkspace,
  getWorkspace,
  renameWorkspace,
  setMembership,
  workspacesOf,
} from "@/lib/workspaces/workspaces";
import { databaseBackends } from "../helpers/database-backends";

// Creating and renaming workspaces, on embedded PGlite and, when DATABASE_URL is set, on PostgreSQL.

// audit_log.actor_id is a uuid column: an actor with this id makes the audit insert, and only it, fail.
const BROKEN_ACTOR: Actor = { kind: "user", id: "not-a-uuid", label: "broken" };

describe.each(databaseBackends())("workspaces on $name", (backend) => {
  let connection: Connection;
  let cleanup: () => Promise<void>;
  let second: () => Promise<Connection>;
  let ann: { id: string; email: string };
  let annActor: Actor;

  beforeAll(async () => {
    ({ connection, cleanup, second } = await backend.open());
    ann = await createUserWithPassword(connection.db, {
      email: "ann@example.com",
      password: "correct horse battery",
    });
    annActor = { kind: "user", id: ann.id, label: ann.email };
  });
  afterAll(async () => {
    await cleanup?.();
  });

  const entriesOf = (workspaceId: string) =>
    connection.db
      .select({
        action: auditLog.action,
        actor_kind: auditLog.actor_kind,
        actor_id: auditLog.actor_id,
        actor_label: auditLog.actor_label,
        target_id: auditLog.target_id,
        target_label: auditLog.target_label,
        details: auditLog.details,
      })
      .from(auditLog)
      .where(eq(auditLog.workspace_id, workspaceId))
      .orderBy(asc(auditLog.at), asc(auditLog.id));

  it("creates a workspace with its owner and a workspace.create entry", async () => {
    const workspace = await createWorkspace(connection.db, { name: "  Events team  ", owner: ann }, annActor);
    expect(workspace.name).toBe("Events team");
    expect(await workspacesOf(connection.db, ann.id)).toContainEqual({
      id: workspace.id,
      name: "Events team",
      role: "owner",
    });
    expect(await entriesOf(workspace.id)).toEqual([
      {
        action: "workspace.create",
        actor_kind: "user",
        actor_id: ann.id,
        actor_label: "ann@example.com",
        target_id: workspace.id,
        target_label: "Events team",
        details: { owner: "ann@example.com" },
      },
    ]);
  });

  it("creates nothing when its audit entry cannot be written: one transaction", async () => {
    await expect(
      createWorkspace(connection.db, { name: "Never stored", owner: ann }, BROKEN_ACTOR),
    ).rejects.toThrow();
    expect(await connection.db.select().from(workspaces).where(eq(workspaces.name, "Never stored"))).toEqual(
      [],
    );
    expect(
      (await workspacesOf(connection.db, ann.id)).filter((workspace) => workspace.name === "Never stored"),
    ).toEqual([]);
  });

  it("creates nothing for an owner who does not exist", async () => {
    const nobody = { id: "00000000-0000-4000-8000-0000000000ff", email: "nobody@example.com" };
    const before = await connection.db.select({ id: workspaces.id }).from(workspaces);
    await expect(
      createWorkspace(connection.db, { name: "Orphan", owner: nobody }, annActor),
    ).rejects.toThrow();
    expect(await connection.db.select({ id: workspaces.id }).from(workspaces)).toEqual(before);
  });

  it("renames a workspace and records the old and the new name", async () => {
    const workspace = await createWorkspace(connection.db, { name: "Sales", owner: ann }, annActor);
    const context = { workspaceId: workspace.id, actor: annActor };
    const renamed = await renameWorkspace(connection.db, context, "  Sales & Marketing ");
    expect(renamed).toMatchObject({ ok: true, workspace: { id: workspace.id, name: "Sales & Marketing" } });
    expect((await getWorkspace(connection.db, workspace.id))?.name).toBe("Sales & Marketing");
    const entries = await entriesOf(workspace.id);
    expect(entries.map((entry) => entry.action)).toEqual(["workspace.create", "workspace.rename"]);
    expect(entries[1]).toEqual({
      action: "workspace.rename",
      actor_kind: "user",
      actor_id: ann.id,
      actor_label: "ann@example.com",
      target_id: workspace.id,
      target_label: "Sales & Marketing",
      details: { from: "Sales", to: "Sales & Marketing" },
    });

    // The same name again is no change: nothing is recorded.
    expect(await renameWorkspace(connection.db, context, "Sales & Marketing")).toMatchObject({ ok: true });
    expect(await entriesOf(workspace.id)).toHaveLength(2);
  });

  it("keeps the old name when the rename's audit entry cannot be written", async () => {
    const workspace = await createWorkspace(connection.db, { name: "Support", owner: ann }, annActor);
    await expect(
      renameWorkspace(connection.db, { workspaceId: workspace.id, actor: BROKEN_ACTOR }, "Helpdesk"),
    ).rejects.toThrow();
    expect((await getWorkspace(connection.db, workspace.id))?.name).toBe("Support");
    expect((await entriesOf(workspace.id)).map((entry) => entry.action)).toEqual(["workspace.create"]);
  });

  it("renames only a workspace that exists", async () => {
    const missing = { workspaceId: "00000000-0000-4000-8000-0000000000ee", actor: annActor };
    expect(await renameWorkspace(connection.db, missing, "Anything")).toEqual({
      ok: false,
      error: "not_found",
    });
  });

  it("leaves other workspaces' memberships alone", async () => {
    const bob = await createUserWithPassword(connection.db, {
      email: "bob@example.com",
      password: "correct horse battery",
    });
    const workspace = await createWorkspace(connection.db, { name: "Bob's", owner: bob }, annActor);
    const members = await connection.db
      .select({ user_id: memberships.user_id, role: memberships.role })
      .from(memberships)
      .where(eq(memberships.workspace_id, workspace.id));
    expect(members).toEqual([{ user_id: bob.id, role: "owner" }]);
  });

  it("keeps an owner when two owners demote or remove each other at the same moment", async () => {
    // Each side through its own connection on PostgreSQL, as two app processes (PGlite has one).
    const other = await second();
    const [one, two] = await Promise.all(
      ["one", "two"].map((name) =>
        createUserWithPassword(connection.db, {
          email: `owner-${name}@example.com`,
          password: "correct horse battery",
        }),
      ),
    );
    if (!one || !two) throw new Error("users not created");
    const moves = [
      (db: Connection["db"], context: WorkspaceContext, userId: string) =>
        changeMemberRole(db, context, userId, "editor"),
      (db: Connection["db"], context: WorkspaceContext, userId: string) => removeMember(db, context, userId),
    ];
    const races = 30;
    let ownerless = 0;
    let bothDone = 0;
    for (let race = 0; race < races; race++) {
      const workspace = await createWorkspace(connection.db, { name: `Race ${race}`, owner: one }, annActor);
      await setMembership(connection.db, { workspaceId: workspace.id, userId: two.id, role: "owner" });
      const actorOf = (user: { id: string; email: string }): WorkspaceContext => ({
        workspaceId: workspace.id,
        actor: { kind: "user", id: user.id, label: user.email },
      });
      const firstMove = moves[race % 2] as (typeof moves)[number];
      const secondMove = moves[Math.floor(race / 2) % 2] as (typeof moves)[number];
      const results = await Promise.all([
        firstMove(connection.db, actorOf(one), two.id),
        secondMove(other.db, actorOf(two), one.id),
      ]);
      if (results.every((result) => result.ok)) bothDone++;
      const owners = await connection.db
        .select({ user_id: memberships.user_id })
        .from(memberships)
        .where(and(eq(memberships.workspace_id, workspace.id), eq(memberships.role, "owner")));
      if (owners.length === 0) ownerless++;
    }
    expect(ownerless, `${ownerless} of ${races} races left the workspace without an owner`).toBe(0);
    // The second of each pair is refused: it would have removed the last owner.
    expect(bothDone).toBe(0);
  });
});
