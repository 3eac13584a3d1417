// `npm run admin -- <command>`: accounts, workspaces, members and keys from a shell, for operators and
// scripts. Parsing and checks live in lib/admin/args.ts; this file opens the database and makes the change.
import { type Connection, connectDatabase, type Database, DataDirLockedError, dataDirInUse } from "@/db";
import { createUserWithPassword, findUserByEmail, UserExistsError } from "@/lib/accounts/users";
import { type BatchCommand, EXIT, parseAdminArgs, parseAdminBatch, USAGE } from "@/lib/admin/args";
import { recordAudit } from "@/lib/audit/record";
import type { Actor, WorkspaceContext } from "@/lib/context";
import { env } from "@/lib/env";
import { createKey, type KeyGrant, revokeKeyByToken } from "@/lib/keys/keys";
import { changeMemberRole } from "@/lib/workspaces/members";
import { createWorkspace, getWorkspace, roleIn, setMembership } from "@/lib/workspaces/workspaces";

const CLI_ACTOR: Actor = { kind: "cli", id: null, label: "admin CLI" };

/** A refusal worth a plain message (no stack): unknown email, unknown workspace, … */
class Refused extends Error {}

const inWorkspace = (workspaceId: string): WorkspaceContext => ({ workspaceId, actor: CLI_ACTOR });

async function userByEmail(db: Database, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw new Refused(`There is no user with the email ${email}. Create one with "user create".`);
  return user;
}

async function workspaceById(db: Database, id: string) {
  const workspace = await getWorkspace(db, id);
  if (!workspace) throw new Refused(`There is no workspace with the id ${id}.`);
  return workspace;
}

// Each returns the lines to print; the last one is what scripts read (an id, a key).
async function run(db: Database, command: BatchCommand["command"]): Promise<string[]> {
  switch (command.name) {
    case "user create": {
      const user = await createUserWithPassword(db, {
        email: command.email,
        password: command.password,
        ...(command.displayName ? { name: command.displayName } : {}),
      });
      return [`Created user ${user.email} (${user.name}).`, user.id];
    }
    case "workspace create": {
      const owner = await userByEmail(db, command.ownerEmail);
      const workspace = await createWorkspace(db, { name: command.workspaceName, owner }, CLI_ACTOR);
      return [`Created workspace "${workspace.name}", owned by ${owner.email}.`, workspace.id];
    }
    case "member add": {
      const workspace = await workspaceById(db, command.workspaceId);
      const user = await userByEmail(db, command.email);
      const before = await roleIn(db, workspace.id, user.id);
      if (before === command.role) {
        return [`${user.email} is ${command.role} of "${workspace.name}" already; nothing changed.`];
      }
      if (before === null) {
        await setMembership(db, { workspaceId: workspace.id, userId: user.id, role: command.role });
        await recordAudit(db, inWorkspace(workspace.id), {
          action: "member.add",
          target: { id: user.id, label: user.email },
          details: { role: command.role },
        });
        return [`Added ${user.email} to "${workspace.name}" as ${command.role}.`];
      }
      // A role change goes through the same locked last-owner check as the settings page (and its audit).
      const changed = await changeMemberRole(db, inWorkspace(workspace.id), user.id, command.role);
      if (!changed.ok && changed.error === "last_owner") {
        throw new Refused(
          `${user.email} is the last owner of "${workspace.name}": make someone else owner first.`,
        );
      }
      if (!changed.ok) throw new Refused(`${user.email} is not a member of "${workspace.name}".`);
      return [`${user.email} is now ${command.role} of "${workspace.name}" (was ${before}).`];
    }
    case "key create": {
      const workspace = await workspaceById(db, command.workspaceId);
      const grant: KeyGrant =
        command.kind === "api" ? { kind: "api", scope: command.scope ?? "read" } : { kind: "event" };
      const { key, token } = await createKey(db, {
        workspaceId: workspace.id,
        name: command.keyName,
        ...grant,
        expiresAt: command.expiresAt,
      });
      await recordAudit(db, inWorkspace(workspace.id), {
        action: "key.create",
        target: { id: key.id, label: `${key.name} (${key.prefix}…)` },
        details: { kind: key.kind, scope: key.scope, expires_at: key.expires_at?.toISOString() ?? null },
      });
      const expires = key.expires_at ? `expires ${key.expires_at.toISOString()}` : "does not expire";
      return [
        `Created ${key.kind} key "${key.name}" (${key.kind === "event" ? "sends events" : key.scope}) in "${workspace.name}"; it ${expires}.`,
        "Store it now: it is shown only this once.",
        token,
      ];
    }
    case "key revoke": {
      const key = await revokeKeyByToken(db, command.key);
      if (!key) throw new Refused("No live key matches: it is unknown or was revoked already.");
      await recordAudit(db, inWorkspace(key.workspace_id), {
        action: "key.revoke",
        target: { id: key.id, label: `${key.name} (${key.prefix}…)` },
      });
      return [`Revoked ${key.kind} key "${key.name}" (${key.prefix}…).`];
    }
  }
}

async function open(): Promise<Connection> {
  const { DATABASE_URL, dataDir } = env();
  const inUse = () =>
    new Refused(
      `The embedded database in ${dataDir} is in use by a running Hooksmith app (or worker). ` +
        "It can be opened by one process only: stop the app and run the command again, " +
        "or run app and CLI on PostgreSQL (DATABASE_URL).",
    );
  if (!DATABASE_URL && (await dataDirInUse(dataDir))) throw inUse();
  try {
    return await connectDatabase(DATABASE_URL ? { databaseUrl: DATABASE_URL } : { dataDir });
  } catch (error) {
    // The app may have started since the check above: connectDatabase waited for it in vain.
    if (error instanceof DataDirLockedError) throw inUse();
    throw error;
  }
}

/** What to print for a command that failed: a plain message for refusals, the error itself otherwise. */
function failure(error: unknown, command: BatchCommand["command"] | undefined): unknown[] {
  if (error instanceof Refused || error instanceof UserExistsError) return [error.message];
  if (error instanceof Error && command?.name === "user create" && /password/i.test(error.message)) {
    // createUserWithPassword's own check of the password's length.
    return [error.message];
  }
  return ["the command failed:", error];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Runs the commands on one connection, in order, until one fails. */
async function runAll(commands: BatchCommand[], batch: boolean): Promise<number> {
  let connection: Connection | undefined;
  // The command running when something fails; none while the database is being opened.
  let current: BatchCommand | undefined;
  try {
    connection = await open();
    for (const next of commands) {
      current = next;
      for (const line of await run(connection.db, next.command)) console.log(line);
      // In a batch an empty line ends each command's output, so scripts can tell them apart.
      if (batch) console.log("");
    }
    return EXIT.ok;
  } catch (error) {
    const where = batch && current ? [`line ${current.line}:`] : [];
    console.error("error:", ...where, ...failure(error, current?.command));
    return EXIT.failed;
  } finally {
    await connection?.close();
  }
}

async function main(): Promise<number> {
  const parsed = parseAdminArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`error: ${parsed.error}`);
    return EXIT.usage;
  }
  const { command } = parsed;
  if (command.name === "help") {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (command.name !== "batch") return runAll([{ line: 1, command }], false);
  const batch = parseAdminBatch(await readStdin());
  if (!batch.ok) {
    console.error(`error: ${batch.error}`);
    return EXIT.usage;
  }
  return runAll(batch.commands, true);
}

process.exitCode = await main();
