"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { switchWorkspaceAction } from "@/lib/auth/actions";

export type WorkspaceOption = { id: string; name: string };

export function WorkspaceSwitcher({
  workspaces,
  activeId,
}: {
  workspaces: WorkspaceOption[];
  activeId: string;
}) {
  const t = useTranslations("Auth.header");
  const [pending, startTransition] = useTransition();
  return (
    <label className="flex items-center gap-2 text-sm text-slate-600">
      <span className="sr-only">{t("workspace")}</span>
      <select
        className="max-w-48 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        value={activeId}
        disabled={pending}
        onChange={(event) => {
          const id = event.target.value;
          startTransition(() => switchWorkspaceAction(id));
        }}
      >
        {workspaces.map((workspace) => (
          <option key={workspace.id} value={workspace.id}>
            {workspace.name}
          </option>
        ))}
      </select>
    </label>
  );
}
