import { elements, elementsByFamily, sampleFor, variablesFor } from "@/lib/elements";
import type { CatalogElement, EditorCatalog } from "./catalog-view";
import { contentTypes, MAX_ROWS, methods } from "./schemas";

// Lists shared by several triggers are stored once: same content, same index.
function indexed<T>(triggers: readonly string[], valueFor: (trigger: string) => T) {
  const sets: T[] = [];
  const keys: string[] = [];
  const byTrigger: Record<string, number> = {};
  for (const trigger of triggers) {
    const value = valueFor(trigger);
    const key = JSON.stringify(value);
    let index = keys.indexOf(key);
    if (index === -1) {
      index = sets.push(value) - 1;
      keys.push(key);
    }
    byTrigger[trigger] = index;
  }
  return { sets, byTrigger };
}

// The catalog as plain data for the editor (see catalog-view.ts); built on the server.
export function editorCatalog(): EditorCatalog {
  const view: Record<string, CatalogElement> = {};
  for (const element of elements) {
    const variables = indexed(element.triggers, (trigger) => variablesFor(element, trigger));
    const samples = indexed(element.triggers, (trigger) => sampleFor(element, trigger));
    view[element.key] = {
      key: element.key,
      family: element.family,
      triggers: [...element.triggers],
      idOnlyTriggers: [...element.idOnlyTriggers],
      prokeyFilter: element.prokeyFilter,
      filters: element.filters.map((filter) => ({ ...filter })),
      variableSets: variables.sets,
      variablesByTrigger: variables.byTrigger,
      sampleSets: samples.sets,
      sampleByTrigger: samples.byTrigger,
    };
  }
  return {
    families: elementsByFamily().map((group) => ({
      family: group.family,
      elements: group.elements.map((element) => element.key),
    })),
    elements: view,
    methods: [...methods],
    contentTypes: [...contentTypes],
    maxRows: MAX_ROWS,
  };
}
