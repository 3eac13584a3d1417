import "server-only";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/db";
import { accounts, type UserRow, users } from "@/db/schema";

export const MIN_PASSWORD_LENGTH = 10;

export class UserExistsError extends Error {
  constructor(email: string) {
    super(`A user with the email ${email} exists already.`);
    this.name = "UserExistsError";
  }
}

/**
 * Creates an account that signs in with email and password, as Better Auth (lib/auth) would: a user row
 * and a "credential" account holding the password hash made by Better Auth's own hasher, so its sign-in
 * verifies it. Used where no one is signed in to sign up through: the set-up page, ADMIN_EMAIL and the CLI.
 */
export async function createUserWithPassword(
  db: Database,
  input: { email: string; password: string; name?: string },
): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new Error(`The password must have at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const hash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (existing) throw new UserExistsError(email);
    const [user] = await tx
      .insert(users)
      .values({ email, name: input.name?.trim() || email.split("@")[0] || email, emailVerified: true })
      .returning();
    if (!user) throw new Error("insert returned no user");
    await tx.insert(accounts).values({
      userId: user.id,
      providerId: "credential",
      accountId: user.id,
      password: hash,
    });
    return user;
  });
}

export async function findUserByEmail(db: Database, email: string): Promise<UserRow | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  return user ?? null;
}
