"use client";

import { useTranslations } from "next-intl";
import { useTransition } from "react";
import { switchWorkspaceAction } from "@/lib/actions/auth";
import { HeaderSelect } from "./header-select";

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
    <HeaderSelect
      label={t("workspace")}
      className="max-w-48"
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
    </HeaderSelect>
  );
}
