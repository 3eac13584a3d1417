"use client";

import { createContext, type ReactNode, useContext } from "react";
import type { EditorCatalog } from "@/lib/webhooks/catalog-view";

const CatalogContext = createContext<EditorCatalog | null>(null);

export function CatalogProvider({ catalog, children }: { catalog: EditorCatalog; children: ReactNode }) {
  return <CatalogContext value={catalog}>{children}</CatalogContext>;
}

export function useCatalog(): EditorCatalog {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error("useCatalog needs a CatalogProvider");
  return catalog;
}
