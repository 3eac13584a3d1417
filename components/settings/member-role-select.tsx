"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Select } from "@/components/ui/input";
import { changeMemberRoleAction } from "@/lib/actions/workspaces";
import type { Role } from "@/lib/workspaces/roles";
import { ROLES } from "@/lib/workspaces/roles";

// Saves the role as soon as it is chosen; a refusal (the last owner) puts the old one back and says why.
export function MemberRoleSelect({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const t = useTranslations("Settings");
  const tt = useTranslations("Toasts");
  const [value, setValue] = useState(role);
  const { pending, error: refusal, run } = useServerAction();
  return (
    <div>
      <Select
        aria-label={t("members.roleOf", { email })}
        value={value}
        disabled={pending}
        onChange={(event) => {
          const next = event.target.value as Role;
          setValue(next);
          run(() => changeMemberRoleAction(userId, next), {
            refusal: (error) => (error === "last_owner" ? t("members.lastOwner") : t("members.failed")),
            failed: t("members.failed"),
            onFailure: () => setValue(role),
            toast: tt("roleChanged"),
          });
        }}
        className="w-36"
      >
        {ROLES.map((option) => (
          <option key={option} value={option}>
            {t(`roles.${option}`)}
          </option>
        ))}
      </Select>
      {refusal ? (
        <p data-testid="role-error" className="mt-1 max-w-xs text-xs text-red-700">
          {refusal}
        </p>
      ) : null}
    </div>
  );
}
