import type { Bucket } from "@/lib/health/series";

const WIDTH = 72;
const HEIGHT = 20;

// A webhook's last 24 hours in 24 bars: succeeded (green) under failed (red), scaled to the busiest hour.
// Plain SVG drawn on the server: no script, and it follows the dark palette through its classes. What it
// shows is said in text beside it, so it is hidden from screen readers.
export function Sparkline({ buckets }: { buckets: Bucket[] }) {
  const most = Math.max(1, ...buckets.map((bucket) => bucket.succeeded + bucket.failed));
  const slot = WIDTH / Math.max(1, buckets.length);
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      width={WIDTH}
      height={HEIGHT}
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      className="shrink-0 overflow-visible"
      data-testid="sparkline"
    >
      <line x1={0} x2={WIDTH} y1={HEIGHT - 0.5} y2={HEIGHT - 0.5} className="stroke-slate-200" />
      {buckets.map((bucket, index) => {
        const ok = (bucket.succeeded / most) * HEIGHT;
        const bad = (bucket.failed / most) * HEIGHT;
        const x = index * slot + 0.5;
        const width = Math.max(1, slot - 1);
        return (
          <g key={bucket.start}>
            {ok > 0 ? (
              <rect
                x={x}
                y={HEIGHT - ok}
                width={width}
                height={Math.max(ok, 1)}
                className="fill-emerald-500"
              />
            ) : null}
            {bad > 0 ? (
              <rect
                x={x}
                y={HEIGHT - ok - Math.max(bad, 1)}
                width={width}
                height={Math.max(bad, 1)}
                className="fill-red-500"
              />
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
