import type { Role } from "@/db/schema";

// Components take the role type from here (no "server-only", no db/ import in the UI).
export type { Role };

export const ROLES: readonly Role[] = ["owner", "editor", "viewer"];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` may do what `needed` may: owner > editor > viewer. */
export function roleAllows(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

export function higherRole(a: Role, b: Role): Role {
  return RANK[a] >= RANK[b] ? a : b;
}
