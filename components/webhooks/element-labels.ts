import { type ElementFamily, triggerMessageKey } from "@/lib/elements";

// The catalog's labels live under `Elements` in the message files, keyed by element and trigger, so
// the keys are built at run time. A key the messages lack falls back to the raw key instead of throwing.
type LooseTranslator = ((key: string, values?: Record<string, string | number>) => string) & {
  has: (key: string) => boolean;
};

export type ElementLabels = {
  family: (family: ElementFamily) => string;
  element: (element: string) => string;
  trigger: (element: string, trigger: string) => string;
  filter: (element: string, filter: string) => string;
  // Null when the messages describe no such variable.
  variable: (element: string, messageKey: string) => string | null;
};

// `t` is the root translator (useTranslations() or await getTranslations()).
export function elementLabels(t: unknown): ElementLabels {
  const translate = t as LooseTranslator;
  const text = (key: string) => (translate.has(key) ? translate(key) : null);
  return {
    family: (family) => text(`Elements.families.${family}`) ?? family,
    element: (element) => text(`Elements.${element}.name`) ?? element,
    trigger: (element, trigger) =>
      text(`Elements.${element}.triggers.${triggerMessageKey(trigger)}`) ?? trigger,
    filter: (element, filter) => text(`Elements.${element}.filters.${filter}`) ?? filter,
    variable: (element, messageKey) => text(`Elements.${element}.variables.${messageKey}`),
  };
}
