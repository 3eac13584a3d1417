"use client";

import { useMutation } from "@tanstack/react-query";
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Select } from "@/components/ui/input";
import { createInviteAction } from "@/lib/actions/workspaces";
import { useRouter } from "@/lib/i18n/navigation";
import type { Role } from "@/lib/workspaces/roles";
import { ROLES } from "@/lib/workspaces/roles";

export function InviteCreator() {
  const t = useTranslations("Settings");
  const locale = useLocale();
  const router = useRouter();
  const [role, setRole] = useState<Role>("editor");
  const [, startRefresh] = useTransition();
  const mutation = useMutation({
    mutationFn: () => createInviteAction(role),
    onSuccess: () => startRefresh(() => router.refresh()),
  });
  const token = mutation.data?.ok ? mutation.data.data.token : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="invite-role" className="mb-1.5 block text-sm font-medium text-slate-800">
            {t("invites.role")}
          </label>
          <Select
            id="invite-role"
            value={role}
            onChange={(event) => setRole(event.target.value as Role)}
            className="w-40"
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {t(`roles.${option}`)}
              </option>
            ))}
          </Select>
        </div>
        <Button onClick={() => mutation.mutate()} disabled={mutation.isPending}>
          {mutation.isPending ? t("invites.creating") : t("invites.create")}
        </Button>
      </div>
      {mutation.isError || mutation.data?.ok === false ? (
        <p className="text-sm text-red-700">{t("members.failed")}</p>
      ) : null}
      {token ? (
        <CopyField
          id="invite-link"
          label={t("invites.link")}
          value={`${window.location.origin}/${locale}/invite/${token}`}
          copyText={t("invites.copy")}
          copiedText={t("invites.copied")}
        />
      ) : null}
    </div>
  );
}
