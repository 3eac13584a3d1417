"use client";

import { ArrowUp, Plus, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { type KeyboardEvent, memo, type ReactNode, useEffect, useMemo, useRef } from "react";
import {
  type FieldError as FormFieldError,
  get,
  type UseFieldArrayAppend,
  type UseFormRegister,
  useFieldArray,
  useFormState,
} from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { FieldError } from "@/components/ui/field";
import { controlClasses } from "@/components/ui/input";
import type { WebhookFormValues } from "@/lib/webhooks/form-values";
import { useCatalog } from "./catalog-context";
import type { EditorControl } from "./editor-types";
import { useValueCellTarget } from "./value-cell-target";

type GridName = "header" | "body";

type GridProps = {
  name: GridName;
  control: EditorControl;
  register: UseFormRegister<WebhookFormValues>;
  hint: ReactNode;
};

const emptyRow = { key: "", value: "" };

const cellId = (name: GridName, index: number, part: "key" | "value" | "up" | "down" | "remove") =>
  `${name}-${index}-${part}`;

function focusById(id: string) {
  document.getElementById(id)?.focus();
}

// Header and body rows. Each row is memoized and reads only its own errors, so typing in one row
// re-renders that row alone, even with a hundred of them.
// Number, key, value, buttons in one row; on a phone the value goes under its key, the buttons beside the key.
const columns =
  "grid grid-cols-[1.75rem_minmax(0,1fr)_auto] sm:grid-cols-[1.75rem_minmax(0,2fr)_minmax(0,3fr)_6.5rem]";

export function KeyValueGrid({ name, control, register, hint }: GridProps) {
  const t = useTranslations(`WebhookEditor.${name}`);
  const tGrid = useTranslations("WebhookEditor.grid");
  const { fields, append, remove, move } = useFieldArray({ control, name });
  // Where focus goes once a remove or move has re-rendered the rows.
  const pendingFocus = useRef<string | null>(null);

  useEffect(() => {
    if (fields && pendingFocus.current) {
      focusById(pendingFocus.current);
      pendingFocus.current = null;
    }
  }, [fields]);

  const actions = useMemo<RowActions>(
    () => ({
      append,
      remove: (index, wasLast) => {
        remove(index);
        // The row that takes its place, else the one above, else the add button.
        const next = wasLast ? index - 1 : index;
        pendingFocus.current = next >= 0 ? cellId(name, next, "key") : `${name}-add`;
      },
      move: (from, to, part) => {
        move(from, to);
        pendingFocus.current = cellId(name, to, part);
      },
    }),
    [append, remove, move, name],
  );

  const { maxRows } = useCatalog();
  const full = fields.length >= maxRows;
  const headingId = `${name}-heading`;

  return (
    <Card title={t("title")} description={hint} headingId={headingId}>
      {fields.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-200 px-4 py-6 text-center text-sm text-slate-500">
          {t("empty")}
        </p>
      ) : (
        <div>
          <div
            aria-hidden="true"
            className={cn(
              columns,
              "mb-2 gap-2 text-xs font-medium tracking-wide text-slate-500 uppercase max-sm:hidden",
            )}
          >
            <span>#</span>
            <span>{tGrid("key")}</span>
            <span>{tGrid("value")}</span>
            <span />
          </div>
          <ol aria-labelledby={headingId} className="space-y-2">
            {fields.map((field, index) => (
              <KeyValueRow
                key={field.id}
                name={name}
                index={index}
                isFirst={index === 0}
                isLast={index === fields.length - 1}
                canAdd={index === fields.length - 1 && !full}
                control={control}
                register={register}
                actions={actions}
              />
            ))}
          </ol>
        </div>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <Button
          id={`${name}-add`}
          variant="secondary"
          size="sm"
          disabled={full}
          onClick={() => append(emptyRow)}
        >
          <Plus aria-hidden="true" focusable="false" className="size-4" />
          {t("add")}
        </Button>
        <span className="text-xs text-slate-500">
          {full ? tGrid("full", { max: String(maxRows) }) : tGrid("keyboardHint")}
        </span>
      </div>
    </Card>
  );
}

type RowActions = {
  append: UseFieldArrayAppend<WebhookFormValues, GridName>;
  remove: (index: number, wasLast: boolean) => void;
  move: (from: number, to: number, part: "up" | "down") => void;
};

type RowProps = {
  name: GridName;
  index: number;
  isFirst: boolean;
  isLast: boolean;
  // Whether Enter in the value cell may add a row: true only for the last row below the limit.
  canAdd: boolean;
  control: EditorControl;
  register: UseFormRegister<WebhookFormValues>;
  actions: RowActions;
};

const KeyValueRow = memo(function KeyValueRow({
  name,
  index,
  isFirst,
  isLast,
  canAdd,
  control,
  register,
  actions,
}: RowProps) {
  const t = useTranslations(`WebhookEditor.${name}`);
  const target = useValueCellTarget();
  const keyName = `${name}.${index}.key` as const;
  const valueName = `${name}.${index}.value` as const;
  const names = useMemo(() => [keyName, valueName], [keyName, valueName]);
  const { errors } = useFormState({ control, name: names, exact: true });
  const keyError = (get(errors, keyName) as FormFieldError | undefined)?.message;
  const valueError = (get(errors, valueName) as FormFieldError | undefined)?.message;
  // Text for the labels: a plain ICU argument ("Header {row} key") is typed as a string.
  const row = String(index + 1);
  const ids = {
    key: cellId(name, index, "key"),
    value: cellId(name, index, "value"),
    keyError: `${cellId(name, index, "key")}-error`,
    valueError: `${cellId(name, index, "value")}-error`,
  };

  // Enter walks key → value → next row's key; in the last value cell it adds a row (and focuses it).
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>, part: "key" | "value") => {
    if (event.key !== "Enter" || event.nativeEvent.isComposing) return;
    event.preventDefault();
    if (part === "key") focusById(ids.value);
    else if (!isLast) focusById(cellId(name, index + 1, "key"));
    else if (canAdd) actions.append(emptyRow);
  };

  return (
    <li className={cn(columns, "items-start gap-2 max-sm:gap-y-1.5")}>
      <span aria-hidden="true" className="pt-2.5 text-right text-xs text-slate-400 tabular-nums">
        {row}
      </span>
      <div>
        <input
          id={ids.key}
          aria-label={t("keyLabel", { row })}
          aria-invalid={keyError ? true : undefined}
          aria-describedby={keyError ? ids.keyError : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t("keyPlaceholder")}
          className={cn(controlClasses, "h-9 font-mono text-[13px]")}
          onKeyDown={(event) => onKeyDown(event, "key")}
          {...register(keyName)}
        />
        <FieldError id={ids.keyError} message={keyError} className="text-xs" />
      </div>
      <div className="max-sm:col-span-2 max-sm:col-start-2 max-sm:row-start-2">
        <input
          id={ids.value}
          aria-label={t("valueLabel", { row })}
          aria-invalid={valueError ? true : undefined}
          aria-describedby={valueError ? ids.valueError : undefined}
          autoComplete="off"
          spellCheck={false}
          placeholder={t("valuePlaceholder")}
          className={cn(controlClasses, "h-9 font-mono text-[13px]")}
          onKeyDown={(event) => onKeyDown(event, "value")}
          onFocus={(event) => {
            target.current = event.currentTarget;
          }}
          {...register(valueName)}
        />
        <FieldError id={ids.valueError} message={valueError} className="text-xs break-words" />
      </div>
      <div className="flex items-center justify-end gap-0.5 pt-0.5 max-sm:col-start-3 max-sm:row-start-1">
        {/* aria-disabled instead of disabled: the button keeps focus when its row reaches the edge. */}
        <Button
          id={cellId(name, index, "up")}
          variant="ghost"
          size="icon"
          aria-label={t("moveUp", { row })}
          aria-disabled={isFirst || undefined}
          onClick={() => !isFirst && actions.move(index, index - 1, "up")}
        >
          <ArrowIcon direction="up" />
        </Button>
        <Button
          id={cellId(name, index, "down")}
          variant="ghost"
          size="icon"
          aria-label={t("moveDown", { row })}
          aria-disabled={isLast || undefined}
          onClick={() => !isLast && actions.move(index, index + 1, "down")}
        >
          <ArrowIcon direction="down" />
        </Button>
        <Button
          id={cellId(name, index, "remove")}
          variant="ghost"
          size="icon"
          aria-label={t("remove", { row })}
          className="hover:bg-red-50 hover:text-red-700"
          onClick={() => actions.remove(index, isLast)}
        >
          <X aria-hidden="true" focusable="false" className="size-4" />
        </Button>
      </div>
    </li>
  );
});

function ArrowIcon({ direction }: { direction: "up" | "down" }) {
  return (
    <ArrowUp
      aria-hidden="true"
      focusable="false"
      className={cn("size-4", direction === "down" && "rotate-180")}
    />
  );
}
