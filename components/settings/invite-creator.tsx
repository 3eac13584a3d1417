"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import { CopyField } from "@/components/ui/copy-field";
import { Select } from "@/components/ui/input";
import { createInviteAction } from "@/lib/actions/workspaces";
import type { Role } from "@/lib/workspaces/roles";
import { ROLES } from "@/lib/workspaces/roles";

export function InviteCreator() {
  const t = useTranslations("Settings");
  const tt = useTranslations("Toasts");
  const locale = useLocale();
  const [role, setRole] = useState<Role>("editor");
  const [token, setToken] = useState<string | null>(null);
  const { pending, error, run } = useServerAction();
  const create = () =>
    run(() => createInviteAction(role), {
      refusal: () => t("members.failed"),
      failed: t("members.failed"),
      onSuccess: (invite) => setToken(invite?.token ?? null),
      onFailure: () => setToken(null),
      toast: tt("inviteCreated"),
    });
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
        <Button onClick={create} disabled={pending}>
          {pending ? t("invites.creating") : t("invites.create")}
        </Button>
      </div>
      {error ? <p className="text-sm text-red-700">{error}</p> : null}
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
