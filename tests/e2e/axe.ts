import { createRequire } from "node:module";
import { expect, type Page } from "@playwright/test";
import type { AxeResults, Result } from "axe-core";

// axe-core injected into the page and run there: @axe-core/playwright declares Node >= 22, we run on 20.
const axeScript = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

function listViolations(violations: Result[]): string {
  return violations
    .map((violation) => {
      const nodes = violation.nodes
        .map(
          (node) => `    ${node.target.join(" ")}\n      ${node.failureSummary?.replace(/\n/g, "\n      ")}`,
        )
        .join("\n");
      return `[${violation.impact}] ${violation.id}: ${violation.help}\n  ${violation.helpUrl}\n${nodes}`;
    })
    .join("\n\n");
}

/**
 * Fails on any serious or critical WCAG 2.1 A/AA violation in the page (or in `include`, a CSS selector),
 * listing each one with its elements and what to fix. `label-content-name-mismatch` is axe's experimental
 * rule for a visible label missing from the accessible name; it runs too.
 */
export async function expectNoSeriousViolations(page: Page, what: string, include?: string) {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ path: axeScript });
  // Colours mid-transition (a button just clicked fading its hover state, a theme just applied) are not
  // what a reader settles on: axe judges the page with its transitions and animations run to their end.
  // (Finished, not disabled: the page's CSP admits no injected style. A spinner never finishes: skipped.)
  await page.evaluate(() => {
    for (const animation of document.getAnimations()) {
      try {
        animation.finish();
      } catch {}
    }
  });
  const results = await page.evaluate(
    ([context, runTags]) =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<AxeResults> } }).axe.run(
        context ?? document,
        {
          runOnly: { type: "tag", values: runTags },
          rules: { "label-content-name-mismatch": { enabled: true } },
          resultTypes: ["violations"],
        },
      ),
    [include ?? null, tags] as const,
  );
  const serious = results.violations.filter(
    (violation) => violation.impact === "serious" || violation.impact === "critical",
  );
  expect(serious, `axe on ${what}:\n${listViolations(serious)}`).toEqual([]);
}
