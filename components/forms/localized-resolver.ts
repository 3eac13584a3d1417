import { useTranslations } from "next-intl";
import type { FieldValues, Resolver } from "react-hook-form";
import { localizeMessage, type Translate } from "@/lib/validation/issues";

// The shared schemas' messages are keys (lib/validation/issues.ts); a form's resolver puts them into the
// reader's language, as the server actions and the API do with localizeIssues.

/** The "Validation" translator of the page's language, as localizeIssues takes it. */
export function useValidationTranslator(): Translate {
  return useTranslations("Validation") as unknown as Translate;
}

/** The errors with every message localized; `ref` (the field's element) is passed on untouched. */
export function localizeErrors<T>(errors: T, t: Translate): T {
  if (Array.isArray(errors)) return errors.map((child) => localizeErrors(child, t)) as T;
  if (!errors || typeof errors !== "object") return errors;
  return Object.fromEntries(
    Object.entries(errors).map(([key, value]) => {
      if (key === "message" && typeof value === "string") return [key, localizeMessage(value, t)];
      return [key, key === "ref" ? value : localizeErrors(value, t)];
    }),
  ) as T;
}

export function localizedResolver<Values extends FieldValues, Context, Output>(
  resolver: Resolver<Values, Context, Output>,
  t: Translate,
): Resolver<Values, Context, Output> {
  return async (values, context, options) => {
    const result = await resolver(values, context, options);
    return { ...result, errors: localizeErrors(result.errors, t) } as typeof result;
  };
}
