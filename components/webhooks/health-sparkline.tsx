import type { SparkBar } from "@/lib/health/series";

const WIDTH = 72;
const HEIGHT = 20;

// A webhook's last 24 hours in 24 bars: succeeded (green) under failed (red), scaled to the busiest hour.
// Plain SVG: no chart library, and it follows the dark palette through its classes. What it
// shows is said in text beside it, so it is hidden from screen readers.
export function Sparkline({ bars }: { bars: readonly SparkBar[] }) {
  const most = Math.max(1, ...bars.map(([succeeded, failed]) => succeeded + failed));
  const slot = WIDTH / Math.max(1, bars.length);
  const width = Math.max(1, slot - 1);
  // One path per colour (a rectangle per non-empty bar): a hundred rows stay a small page.
  let ok = "";
  let bad = "";
  bars.forEach(([succeeded, failed], index) => {
    const x = (index * slot + 0.5).toFixed(1);
    const okHeight = succeeded > 0 ? Math.max(1, (succeeded / most) * HEIGHT) : 0;
    const badHeight = failed > 0 ? Math.max(1, (failed / most) * HEIGHT) : 0;
    if (okHeight > 0)
      ok += `M${x} ${(HEIGHT - okHeight).toFixed(1)}h${width.toFixed(1)}v${okHeight.toFixed(1)}h-${width.toFixed(1)}z`;
    if (badHeight > 0)
      bad += `M${x} ${(HEIGHT - okHeight - badHeight).toFixed(1)}h${width.toFixed(1)}v${badHeight.toFixed(1)}h-${width.toFixed(1)}z`;
  });
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="shrink-0"
      data-testid="sparkline"
    >
      <path d={`M0 ${HEIGHT - 0.5}H${WIDTH}`} className="stroke-slate-200" />
      {ok ? <path d={ok} className="fill-emerald-500" /> : null}
      {bad ? <path d={bad} className="fill-red-500" /> : null}
    </svg>
  );
}
