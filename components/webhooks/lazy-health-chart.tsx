"use client";

import dynamic from "next/dynamic";
import type { DeliveriesChartProps } from "./health-chart";

// uPlot only on the health page, after the page is interactive: it is in no other page's JavaScript.
const Chart = dynamic(() => import("./health-chart"), {
  ssr: false,
  loading: () => <div className="h-[220px] animate-pulse rounded-lg bg-slate-50" />,
});

export function LazyDeliveriesChart(props: DeliveriesChartProps) {
  return <Chart {...props} />;
}
