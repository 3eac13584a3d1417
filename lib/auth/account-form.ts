import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/accounts/users";

// The new-account form of the set-up page and of invite links, checked on the server; errors are message
// keys (namespace "Auth.errors"), localized where they are shown. Client components import only its types.
export const MAX_PASSWORD_LENGTH = 256;

export type AuthErrorKey =
  | "emailInvalid"
  | "passwordTooShort"
  | "passwordTooLong"
  | "passwordsDiffer"
  | "userExists"
  | "inviteInvalid"
  | "unknown";

export type AccountFormState = {
  errors?: { email?: AuthErrorKey; password?: AuthErrorKey; confirm?: AuthErrorKey };
  formError?: AuthErrorKey;
  // Given back so the form keeps it after an error; passwords are never sent back.
  email?: string;
};

const accountFormSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(320, "emailInvalid").pipe(z.email("emailInvalid")),
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, "passwordTooShort")
      .max(MAX_PASSWORD_LENGTH, "passwordTooLong"),
    confirm: z.string(),
  })
  .refine((form) => form.password === form.confirm, { path: ["confirm"], message: "passwordsDiffer" });

export type AccountForm = { email: string; password: string };

export function parseAccountForm(
  formData: FormData,
): { ok: true; value: AccountForm } | { ok: false; state: AccountFormState } {
  const raw = {
    email: String(formData.get("email") ?? ""),
    password: String(formData.get("password") ?? ""),
    confirm: String(formData.get("confirm") ?? ""),
  };
  const parsed = accountFormSchema.safeParse(raw);
  if (parsed.success)
    return { ok: true, value: { email: parsed.data.email, password: parsed.data.password } };
  const errors: NonNullable<AccountFormState["errors"]> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field === "email" || field === "password" || field === "confirm") && !errors[field]) {
      errors[field] = issue.message as AuthErrorKey;
    }
  }
  return { ok: false, state: { errors, email: raw.email } };
}
