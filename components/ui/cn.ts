import { type ClassValue, clsx } from "clsx";
import { twMerge } from "tailwind-merge";

// Joins class names (clsx: strings, conditionals, arrays) and lets a later Tailwind class win over an earlier
// one of the same kind (tailwind-merge): `cn(buttonClasses("ghost"), "hover:bg-red-50")` really hovers red.
export function cn(...classes: ClassValue[]): string {
  return twMerge(clsx(classes));
}
