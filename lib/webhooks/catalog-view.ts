import type { ElementFamily, FilterField } from "@/lib/elements/types";
import type { Variable } from "@/lib/elements/variables";
import type { WebhookValues } from "./schemas";

// What the browser editor needs to know about the catalog, as plain data. The server builds it
// (editor-catalog.ts) so the editor's first load carries no zod schemas; only type imports here.
export type CatalogElement = {
  key: string;
  family: ElementFamily;
  triggers: string[];
  prokeyFilter: boolean;
  filters: FilterField[];
  // variablesFor() and sampleFor() per trigger, as indexes into shared lists (most triggers share one).
  variableSets: Variable[][];
  variablesByTrigger: Record<string, number>;
  sampleSets: Record<string, unknown>[];
  sampleByTrigger: Record<string, number>;
  idOnlyTriggers: string[];
};

export type EditorCatalog = {
  families: { family: ElementFamily; elements: string[] }[];
  elements: Record<string, CatalogElement>;
  methods: WebhookValues["method"][];
  contentTypes: WebhookValues["content_type"][];
  maxRows: number;
};

export function catalogElement(catalog: EditorCatalog, key: string): CatalogElement | undefined {
  return Object.hasOwn(catalog.elements, key) ? catalog.elements[key] : undefined;
}

export function catalogVariables(element: CatalogElement | undefined, trigger: string): Variable[] {
  const index = element?.variablesByTrigger[trigger];
  return (index === undefined ? undefined : element?.variableSets[index]) ?? [];
}

export function catalogSample(element: CatalogElement, trigger: string): Record<string, unknown> | undefined {
  const index = element.sampleByTrigger[trigger];
  return index === undefined ? undefined : element.sampleSets[index];
}
