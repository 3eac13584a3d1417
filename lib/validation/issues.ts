import type { z } from "zod";

// Validation messages come from messages/*.json (namespace "Validation"); the form passes next-intl's
// translator, the API one for the request's language.
export type Translate = (key: string, values?: Record<string, string | number>) => string;

/** One refused field: its dot path ("headers.0.key") and the message a person reads. */
export type FieldIssue = { path: string; message: string };

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}
