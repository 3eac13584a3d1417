import type { FieldValues, Path, UseFormSetError } from "react-hook-form";
import type { FieldIssue } from "@/lib/validation/issues";

/**
 * Puts a server action's issues (already in the reader's words) on the fields they belong to, as the
 * resolver's own errors would be; `fieldOf` names a path's field, or null when no field shows it. Returns
 * the messages no field shows ("path: message"), for a summary.
 */
export function applyServerIssues<Values extends FieldValues>(
  form: { setError: UseFormSetError<Values> },
  issues: readonly FieldIssue[] | undefined,
  fieldOf: (path: string) => Path<Values> | null,
): string[] {
  const unplaced: string[] = [];
  for (const issue of issues ?? []) {
    const field = fieldOf(issue.path);
    if (field) form.setError(field, { type: "server", message: issue.message });
    else unplaced.push(issue.path ? `${issue.path}: ${issue.message}` : issue.message);
  }
  return unplaced;
}
