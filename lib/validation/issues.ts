import type { Messages } from "next-intl";
import type { z } from "zod";

// Schemas are static and speak no language: an issue's message is a key of the "Validation" messages and
// its values (issueMessage). Where a person reads it, localizeIssues turns it into words: the server
// actions, the API's error envelope and the forms' resolver, each with the reader's translator.

export type ValidationKey = keyof Messages["Validation"];
export type MessageValues = Record<string, string | number>;

/** A translator of the "Validation" namespace (next-intl's, for the reader's language). */
export type Translate = {
  (key: string, values?: MessageValues): string;
  has(key: string): boolean;
};

/** One refused field: its dot path ("headers.0.key") and its message. */
export type FieldIssue = { path: string; message: string };

/** A zod issue's message: the key, then its values as JSON ("nameTooLong {"max":100}"). */
export function issueMessage(key: ValidationKey, values?: MessageValues): string {
  return values ? `${key} ${JSON.stringify(values)}` : key;
}

const KEYED = /^([A-Za-z][A-Za-z0-9]*)(?: (\{.*\}))?$/s;

/** The key and values an issueMessage holds; null for any other text (zod's own messages). */
export function readIssueMessage(message: string): { key: string; values?: MessageValues } | null {
  const match = KEYED.exec(message);
  if (!match?.[1]) return null;
  if (match[2] === undefined) return { key: match[1] };
  try {
    return { key: match[1], values: JSON.parse(match[2]) as MessageValues };
  } catch {
    return null;
  }
}

/** The message in the reader's words; text that is no message key (zod's own words) stays as it is. */
export function localizeMessage(message: string, t: Translate): string {
  const keyed = readIssueMessage(message);
  return keyed && t.has(keyed.key) ? t(keyed.key, keyed.values) : message;
}

export function localizeIssues(issues: readonly FieldIssue[], t: Translate): FieldIssue[] {
  return issues.map((issue) => ({ path: issue.path, message: localizeMessage(issue.message, t) }));
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
