// Joins class names, skipping the falsy ones: enough for our conditional Tailwind classes.
export function cn(...classes: (string | false | null | undefined)[]): string {
  return classes.filter(Boolean).join(" ");
}
