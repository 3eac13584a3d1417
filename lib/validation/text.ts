import { z } from "zod";
import { issueMessage as m } from "./issues";

// The text rules every domain shares (webhooks, workspaces, keys, events, the admin CLI): defined here once,
// so a form does not pull another domain's schema (and its element catalog and template parser) to get them.

/** The longest name people read in lists and logs (a webhook's, a workspace's, a key's). */
export const MAX_NAME_LENGTH = 100;

// What no stored text may hold: NUL (PostgreSQL refuses it) and lone surrogates (not Unicode at all).
export const unstorable = (text: string) => text.includes("\u0000") || /\p{Cs}/u.test(text);
// Control and direction-override characters: they hide or reorder what a person reads in a name.
export const DECEPTIVE = /[\p{Cc}\p{Cs}\u202A-\u202E\u2066-\u2069]/u;
// Keys also refuse zero-width and other invisible format characters ("element\u200B_data").
export const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;

/**
 * A name people read in lists and logs (a webhook's, a workspace's): trimmed, 1–100 characters, and no
 * control, lone surrogate or direction-override characters that would make it read as something else.
 */
export const nameSchema = z
  .string({ error: m("nameRequired") })
  .trim()
  .min(1, { error: m("nameRequired") })
  .max(MAX_NAME_LENGTH, { error: m("nameTooLong", { max: MAX_NAME_LENGTH }) })
  .refine((name) => !DECEPTIVE.test(name), { error: m("textInvisible") });
