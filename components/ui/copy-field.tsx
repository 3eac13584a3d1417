"use client";

import { useState } from "react";
import { Button } from "./button";
import { Input } from "./input";

/** A read-only value with a copy button, for a key or link shown once. */
export function CopyField({
  id,
  label,
  value,
  copyText,
  copiedText,
}: {
  id: string;
  label: string;
  value: string;
  copyText: string;
  copiedText: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="flex gap-2">
        <Input
          id={id}
          readOnly
          value={value}
          className="font-mono text-xs"
          onFocus={(event) => event.target.select()}
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(value).catch(() => {});
            setCopied(true);
          }}
        >
          {copied ? copiedText : copyText}
        </Button>
      </div>
    </div>
  );
}
