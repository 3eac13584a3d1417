import { describe, expect, it } from "vitest";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

describe("cn", () => {
  it("lets a later class override the variant's class of the same kind", () => {
    // The "remove" button in the header grid: a ghost icon button that hovers red.
    const classes = cn(buttonClasses("ghost", "icon"), "hover:bg-red-50 hover:text-red-700").split(" ");
    expect(classes).toContain("hover:bg-red-50");
    expect(classes).toContain("hover:text-red-700");
    expect(classes).not.toContain("hover:bg-slate-100");
    expect(classes).not.toContain("hover:text-slate-900");
  });

  it("skips falsy values and keeps unrelated classes", () => {
    expect(cn("px-3", false, null, undefined, "text-sm")).toBe("px-3 text-sm");
    expect(cn(buttonClasses("secondary", "md"), "px-3").split(" ")).not.toContain("px-4");
  });
});
