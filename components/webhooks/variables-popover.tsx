"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useRef, useState } from "react";
import type { UseFormGetFieldState, UseFormSetValue, UseFormTrigger } from "react-hook-form";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { controlClasses } from "@/components/ui/input";
import { Popover, PopoverContent, PopoverTrigger } from "@/components/ui/popover";
import { type Variable, variableMessageKey } from "@/lib/elements/variables";
import { catalogElement, catalogVariables } from "@/lib/webhooks/catalog-view";
import type { WebhookFormValues } from "@/lib/webhooks/form-values";
import { useCatalog } from "./catalog-context";
import { elementLabels } from "./element-labels";
import { useValueCellTarget } from "./value-cell-target";

type ValueField = `${"header" | "body"}.${number}.value`;

type Props = {
  elementKey: string;
  trigger: string;
  setValue: UseFormSetValue<WebhookFormValues>;
  getFieldState: UseFormGetFieldState<WebhookFormValues>;
  validate: UseFormTrigger<WebhookFormValues>;
  // Reports a copy to the clipboard (or its failure), or null when there is nothing to say.
  onStatus: (message: string | null) => void;
};

// `payload.*` stands for any key under payload: insert `{{payload.}}` and leave the caret before `}}`.
export function placeholderFor(variable: Variable): { text: string; caret: number } {
  const path = variable.path.endsWith(".*") ? variable.path.slice(0, -1) : variable.path;
  const text = `{{${path}}}`;
  return { text, caret: variable.path.endsWith(".*") ? text.length - 2 : text.length };
}

export function VariablesPopover({
  elementKey,
  trigger,
  setValue,
  getFieldState,
  validate,
  onStatus,
}: Props) {
  const t = useTranslations("WebhookEditor.variables");
  const tTypes = useTranslations("WebhookEditor.types");
  const tRoot = useTranslations();
  const labels = useMemo(() => elementLabels(tRoot), [tRoot]);
  const target = useValueCellTarget();
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState("");
  // The cell to focus once the popover has closed (Radix would return focus to its button).
  const focusAfterClose = useRef<{ input: HTMLInputElement; caret: number } | null>(null);
  const titleId = useId();
  const searchId = useId();

  const element = catalogElement(useCatalog(), elementKey);
  const variables = catalogVariables(element, trigger);
  const described = useMemo(
    () =>
      variables.map((variable) => ({
        variable,
        description: labels.variable(elementKey, variableMessageKey(variable.path)),
      })),
    [variables, elementKey, labels],
  );
  const needle = query.trim().toLowerCase();
  const shown = needle
    ? described.filter(
        ({ variable, description }) =>
          variable.path.toLowerCase().includes(needle) || description?.toLowerCase().includes(needle),
      )
    : described;
  const idOnly = element?.idOnlyTriggers.includes(trigger) ?? false;

  const liveTarget = () => {
    const input = target.current;
    return input?.isConnected && !input.disabled ? input : null;
  };

  const pick = (variable: Variable) => {
    const { text, caret } = placeholderFor(variable);
    const input = liveTarget();
    if (input) {
      const start = input.selectionStart ?? input.value.length;
      const end = input.selectionEnd ?? start;
      input.setRangeText(text, start, end, "end");
      // The input is registered (uncontrolled): tell the form about the new value.
      const field = input.name as ValueField;
      setValue(field, input.value, { shouldDirty: true });
      if (getFieldState(field).invalid) void validate(field);
      focusAfterClose.current = { input, caret: start + caret };
      onStatus(null);
      setOpen(false);
      return;
    }
    setOpen(false);
    navigator.clipboard
      .writeText(text)
      .then(() => onStatus(t("copied", { variable: text })))
      .catch(() => onStatus(t("copyFailed", { variable: text })));
  };

  const input = open ? liveTarget() : null;

  return (
    <Popover
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) {
          setQuery("");
          onStatus(null);
        }
      }}
    >
      <PopoverTrigger className={cn(buttonClasses("secondary", "md"), "px-3")}>
        <span aria-hidden="true" className="font-mono text-xs text-indigo-600">
          {"{ }"}
        </span>
        {t("button")}
      </PopoverTrigger>
      <PopoverContent
        aria-labelledby={titleId}
        className="flex max-h-[min(32rem,var(--radix-popover-content-available-height))] w-[min(30rem,calc(100vw-1.5rem))] flex-col"
        onCloseAutoFocus={(event) => {
          const focus = focusAfterClose.current;
          focusAfterClose.current = null;
          if (focus?.input.isConnected) {
            event.preventDefault();
            focus.input.focus();
            focus.input.setSelectionRange(focus.caret, focus.caret);
          }
        }}
      >
        <div className="border-b border-slate-100 px-4 pt-4 pb-3">
          <h3 id={titleId} className="text-sm font-semibold text-slate-900">
            {t("title", {
              element: labels.element(elementKey),
              trigger: labels.trigger(elementKey, trigger),
            })}
          </h3>
          <p className="mt-1 text-xs text-slate-500">
            {input
              ? t("insertInto", { field: input.getAttribute("aria-label") ?? input.name })
              : t("copyHint")}
          </p>
          <label htmlFor={searchId} className="sr-only">
            {t("search")}
          </label>
          <input
            id={searchId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder={t("searchPlaceholder")}
            autoComplete="off"
            className={cn(controlClasses, "mt-3 h-9")}
          />
        </div>
        {idOnly ? (
          <p className="mx-4 mt-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-800">{t("idOnly")}</p>
        ) : null}
        <ul className="min-h-0 flex-1 overflow-y-auto p-2" aria-label={t("listLabel")}>
          {shown.map(({ variable, description }) => {
            const { text } = placeholderFor(variable);
            const descriptionId = `${titleId}-${variable.path}`;
            return (
              // The button's name is exactly what it shows (the placeholder); the type and the description
              // describe it. Its ::after covers the whole row, so the row is what a pointer clicks.
              <li
                key={variable.path}
                className="relative rounded-lg px-3 py-2 hover:bg-indigo-50 has-[:focus-visible]:bg-indigo-50"
              >
                <span className="flex items-center justify-between gap-3">
                  <button
                    type="button"
                    aria-describedby={descriptionId}
                    onClick={() => pick(variable)}
                    className="min-w-0 truncate text-left font-mono text-[13px] text-indigo-700 outline-none after:absolute after:inset-0 after:rounded-lg focus-visible:after:ring-2 focus-visible:after:ring-indigo-500"
                  >
                    {text}
                  </button>
                  <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-600">
                    {tTypes(variable.type)}
                    {variable.nullable ? ` · ${t("nullable")}` : ""}
                  </span>
                </span>
                <span id={descriptionId} className="mt-0.5 block text-xs text-slate-500">
                  {description ?? t("noDescription")}
                </span>
              </li>
            );
          })}
        </ul>
        {shown.length === 0 ? (
          <p role="status" className="px-4 pb-4 text-sm text-slate-500">
            {t("noMatch", { query: query.trim() })}
          </p>
        ) : null}
      </PopoverContent>
    </Popover>
  );
}
