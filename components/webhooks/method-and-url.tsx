/** Where a webhook sends: its method as a badge and its payload URL, cut short with the whole in a tooltip. */
export function MethodAndUrl({ method, url }: { method: string; url: string }) {
  return (
    <>
      <span className="rounded bg-indigo-50 px-1.5 py-0.5 font-mono text-[11px] font-semibold text-indigo-700">
        {method}
      </span>
      <span className="truncate font-mono text-xs text-slate-600" title={url}>
        {url}
      </span>
    </>
  );
}
