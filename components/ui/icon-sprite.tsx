import type { LucideIcon } from "lucide-react";

// Written here because lucide-react draws each icon in full wherever it is used: on a list of 100 webhooks
// that was 500 icons, 2.5 kB of SVG per row and a tenth of the page's server time (profiled, bench:list).
// A page that repeats icons draws each once in IconSprite and shows it by reference with SpriteIcon.

const idOf = (name: string) => `icon-${name}`;

/** The icons of `icons`, drawn once and hidden, for SpriteIcon to show by name. Once per page. */
export function IconSprite({ icons }: { icons: Record<string, LucideIcon> }) {
  return (
    <svg aria-hidden="true" focusable="false" width="0" height="0" className="absolute">
      <defs>
        {Object.entries(icons).map(([name, Icon]) => (
          <Icon key={name} id={idOf(name)} />
        ))}
      </defs>
    </svg>
  );
}

/** An icon of the page's IconSprite; decorative (the control around it is named). */
export function SpriteIcon({ name, className = "size-4" }: { name: string; className?: string }) {
  return (
    <svg aria-hidden="true" focusable="false" viewBox="0 0 24 24" className={className}>
      <use href={`#${idOf(name)}`} />
    </svg>
  );
}
