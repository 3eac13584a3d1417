"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Select } from "@/components/ui/input";
import { changeMemberRoleAction } from "@/lib/actions/workspaces";
import { useRouter } from "@/lib/i18n/navigation";
import type { Role } from "@/lib/workspaces/roles";
import { ROLES } from "@/lib/workspaces/roles";

// Saves the role as soon as it is chosen; a refusal (the last owner) puts the old one back and says why.
export function MemberRoleSelect({ userId, email, role }: { userId: string; email: string; role: Role }) {
  const t = useTranslations("Settings");
  const router = useRouter();
  const [value, setValue] = useState(role);
  const [, startRefresh] = useTransition();
  const mutation = useMutation({
    mutationFn: (next: Role) => changeMemberRoleAction(userId, next),
    onSuccess: (result) => {
      if (!result.ok) setValue(role);
      else startRefresh(() => router.refresh());
    },
    onError: () => setValue(role),
  });
  const refusal = mutation.isError
    ? t("members.failed")
    : mutation.data && !mutation.data.ok
      ? mutation.data.error === "last_owner"
        ? t("members.lastOwner")
        : t("members.failed")
      : null;
  return (
    <div>
      <Select
        aria-label={t("members.roleOf", { email })}
        value={value}
        disabled={mutation.isPending}
        onChange={(event) => {
          const next = event.target.value as Role;
          setValue(next);
          mutation.mutate(next);
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
