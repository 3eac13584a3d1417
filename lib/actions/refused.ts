import { requestLocale } from "@/lib/i18n/request-locale";
import { validationTranslator } from "@/lib/i18n/translator";
import { type FieldIssue, localizeIssues } from "@/lib/validation/issues";
import { failed } from "./result";

/** Refused input: the schema's issues (message keys) in the words of the person who sent it. */
export async function refused(issues: FieldIssue[]) {
  return failed("validation_failed", localizeIssues(issues, validationTranslator(await requestLocale())));
}
