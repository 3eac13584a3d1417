"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import type { Bucket } from "@/lib/health/series";

export type DeliveriesChartProps = { buckets: Bucket[]; locale: string; hourly: boolean };

const HEIGHT = 220;

// The colours of the app's palette, read from swatches with Tailwind's classes: a canvas cannot use CSS
// variables, and this way the dark theme's remap (app/globals.css) reaches the chart too.
function palette(root: HTMLElement) {
  const color = (name: string) =>
    getComputedStyle(root.querySelector(`[data-swatch=${name}]`) as Element).color;
  return { ok: color("ok"), bad: color("bad"), axis: color("axis"), grid: color("grid") };
}

// Succeeded (green) stacked on failed (red) per bucket, drawn by uPlot (a 50 kB canvas chart library, loaded
// only on this page). The figures are in a table beside it for screen readers, so the canvas is hidden.
export default function DeliveriesChart({ buckets, locale, hourly }: DeliveriesChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const target = element.querySelector("[data-plot]") as HTMLElement;
    const time = new Intl.DateTimeFormat(
      locale,
      hourly ? { hour: "2-digit", minute: "2-digit" } : { day: "numeric", month: "short" },
    );
    let plot: uPlot | null = null;
    const draw = () => {
      plot?.destroy();
      const colors = palette(element);
      const bars = uPlot.paths.bars?.({ size: [0.8, 40], align: 1 });
      const axis = { stroke: colors.axis, grid: { stroke: colors.grid, width: 1 }, ticks: { show: false } };
      plot = new uPlot(
        {
          width: Math.max(240, target.clientWidth),
          height: HEIGHT,
          legend: { show: false },
          cursor: { show: false },
          scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(4, max)] } },
          axes: [
            { ...axis, values: (_u, splits) => splits.map((at) => time.format(new Date(at * 1000))) },
            {
              ...axis,
              size: 40,
              values: (_u, splits) => splits.map((n) => (Number.isInteger(n) ? String(n) : "")),
            },
          ],
          series: [
            {},
            // Drawn first: succeeded + failed in red; then succeeded in green over its lower part.
            { stroke: colors.bad, fill: colors.bad, paths: bars, points: { show: false } },
            { stroke: colors.ok, fill: colors.ok, paths: bars, points: { show: false } },
          ],
        },
        [
          buckets.map((bucket) => Date.parse(bucket.start) / 1000),
          buckets.map((bucket) => bucket.succeeded + bucket.failed),
          buckets.map((bucket) => bucket.succeeded),
        ],
        target,
      );
    };
    draw();
    const resized = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(240, target.clientWidth), height: HEIGHT }),
    );
    resized.observe(target);
    // next-themes switches the `dark` class on <html>: redraw in the other palette.
    const themed = new MutationObserver(draw);
    themed.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
    return () => {
      resized.disconnect();
      themed.disconnect();
      plot?.destroy();
    };
  }, [buckets, locale, hourly]);

  return (
    <div ref={host} aria-hidden="true" data-testid="deliveries-chart">
      <span data-swatch="ok" className="hidden text-emerald-500" />
      <span data-swatch="bad" className="hidden text-red-500" />
      <span data-swatch="axis" className="hidden text-slate-500" />
      <span data-swatch="grid" className="hidden text-slate-200" />
      {/* Clipped: until the resize observer has redrawn it, a canvas drawn for a wider window must not
          widen the page. */}
      <div data-plot className="w-full overflow-hidden" style={{ minHeight: HEIGHT }} />
    </div>
  );
}
