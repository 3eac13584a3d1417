/**
 * Walks a dot path (`["dates", "0", "name"]`) through event data, one own property at a time, so a path never
 * reaches an object's prototype (`constructor`, `__proto__`). The one walker of the template renderer (where a
 * missing value is an error) and of the dispatch filters (where it simply does not match).
 */
export function valueAtPath(
  data: unknown,
  path: readonly string[],
): { found: true; value: unknown } | { found: false } {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object" || !Object.hasOwn(current, segment)) {
      return { found: false };
    }
    current = (current as Record<string, unknown>)[segment];
  }
  return { found: true, value: current };
}
