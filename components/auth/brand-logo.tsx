// The app's logo above the sign-in and set-up forms (public/logo.svg; the header is drawn by the layout).
// A plain <img>: an SVG gains nothing from next/image's optimizer. The name beside it is the label.
export function BrandLogo({ name }: { name: string }) {
  return (
    <div className="mb-6 flex items-center justify-center gap-3">
      {/* biome-ignore lint/performance/noImgElement: a static SVG, nothing for the image optimizer to do */}
      <img src="/logo.svg" alt="" width={40} height={40} className="size-10" />
      <span className="text-2xl font-semibold tracking-tight text-slate-900">{name}</span>
    </div>
  );
}
