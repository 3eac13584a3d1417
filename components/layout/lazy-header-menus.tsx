"use client";

import { type ComponentType, useEffect, useState } from "react";
import type { HeaderMenusProps } from "./header-menus";
import { AccountTrigger, NavTrigger, WorkspaceTrigger } from "./header-triggers";

// Radix DropdownMenu (positioning, focus and roving layers) is needed only once someone opens a menu: it stays
// out of every page's first-load JavaScript (the editor's budget is 200 kB) and loads right after the page is
// interactive. Until then the buttons stand there, disabled, in the same place (next/dynamic's placeholder
// would not see these props).
export function LazyHeaderMenus(props: HeaderMenusProps) {
  const [Menus, setMenus] = useState<ComponentType<HeaderMenusProps> | null>(null);
  useEffect(() => {
    let live = true;
    void import("./header-menus").then((module) => {
      if (live) setMenus(() => module.HeaderMenus);
    });
    return () => {
      live = false;
    };
  }, []);
  if (Menus) return <Menus {...props} />;
  const active = props.workspaces.find((workspace) => workspace.id === props.activeId);
  return (
    <>
      {active ? <WorkspaceTrigger name={active.name} disabled /> : null}
      <AccountTrigger email={props.email} disabled />
      {props.links.length > 0 ? <NavTrigger disabled /> : null}
    </>
  );
}
