"use client";

import { createContext, type ReactNode, type RefObject, useContext, useRef } from "react";

// The header or body value input that had focus last: the variables popover inserts there. A ref, not
// state, so focusing a cell re-renders nothing.
const ValueCellTargetContext = createContext<RefObject<HTMLInputElement | null> | null>(null);

export function ValueCellTargetProvider({ children }: { children: ReactNode }) {
  const target = useRef<HTMLInputElement | null>(null);
  return <ValueCellTargetContext value={target}>{children}</ValueCellTargetContext>;
}

export function useValueCellTarget(): RefObject<HTMLInputElement | null> {
  const target = useContext(ValueCellTargetContext);
  if (!target) throw new Error("useValueCellTarget needs a ValueCellTargetProvider");
  return target;
}
