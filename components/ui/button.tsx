import { cva, type VariantProps } from "class-variance-authority";
import type { ComponentProps } from "react";
import { cn } from "./cn";

// One list of looks for buttons and for links that look like buttons (the "New webhook" link, the edit link).
const buttonVariants = cva(
  [
    "inline-flex shrink-0 items-center rounded-md font-medium whitespace-nowrap transition-colors",
    "disabled:cursor-not-allowed aria-disabled:cursor-not-allowed aria-disabled:opacity-40",
  ],
  {
    variants: {
      variant: {
        primary: "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500 disabled:bg-indigo-300",
        secondary:
          "border border-slate-300 bg-white text-slate-800 shadow-sm hover:bg-slate-50 disabled:text-slate-400",
        ghost: "text-slate-600 hover:bg-slate-100 hover:text-slate-900 disabled:text-slate-300",
        danger: "bg-red-600 text-white shadow-sm hover:bg-red-500 disabled:bg-red-300",
      },
      size: {
        sm: "h-8 gap-1.5 px-3 text-sm",
        md: "h-10 gap-2 px-4 text-sm",
        icon: "size-8 justify-center",
      },
    },
    defaultVariants: { variant: "primary", size: "md" },
  },
);

type Variants = VariantProps<typeof buttonVariants>;
export type ButtonVariant = NonNullable<Variants["variant"]>;
export type ButtonSize = NonNullable<Variants["size"]>;

export function buttonClasses(variant: ButtonVariant = "primary", size: ButtonSize = "md"): string {
  return buttonVariants({ variant, size });
}

type ButtonProps = ComponentProps<"button"> & { variant?: ButtonVariant; size?: ButtonSize };

export function Button({
  variant = "primary",
  size = "md",
  className,
  type = "button",
  ...props
}: ButtonProps) {
  return <button type={type} className={cn(buttonVariants({ variant, size }), className)} {...props} />;
}
