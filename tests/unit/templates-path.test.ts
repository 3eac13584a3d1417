import { describe, expect, it } from "vitest";
import { valueAtPath } from "@/lib/templates/path";

// The one dot-path walker of the renderer and the dispatch filters: own properties only, missing told apart
// from a value that is there but null or undefined.

const data = { amount: 2, nothing: null, dates: [{ name: "Tag" }], nested: { deep: { id: 48213 } } };

describe("valueAtPath", () => {
  it("walks objects and arrays by their own keys", () => {
    expect(valueAtPath(data, ["amount"])).toEqual({ found: true, value: 2 });
    expect(valueAtPath(data, ["dates", "0", "name"])).toEqual({ found: true, value: "Tag" });
    expect(valueAtPath(data, ["nested", "deep", "id"])).toEqual({ found: true, value: 48213 });
  });

  it("gives the data itself for an empty path", () => {
    expect(valueAtPath(data, [])).toEqual({ found: true, value: data });
  });

  it("finds a key whose value is null, and says so apart from a missing one", () => {
    expect(valueAtPath(data, ["nothing"])).toEqual({ found: true, value: null });
    expect(valueAtPath(data, ["missing"])).toEqual({ found: false });
    expect(valueAtPath(data, ["nothing", "below"])).toEqual({ found: false });
    expect(valueAtPath(data, ["dates", "1"])).toEqual({ found: false });
  });

  it("does not step into strings, numbers or other primitives", () => {
    expect(valueAtPath(data, ["amount", "toFixed"])).toEqual({ found: false });
    expect(valueAtPath("text", ["length"])).toEqual({ found: false });
    expect(valueAtPath(undefined, ["a"])).toEqual({ found: false });
  });

  it("never reaches the prototype", () => {
    expect(valueAtPath(data, ["constructor"])).toEqual({ found: false });
    expect(valueAtPath(data, ["__proto__"])).toEqual({ found: false });
    expect(valueAtPath(data, ["dates", "length"])).toEqual({ found: true, value: 1 });
    expect(valueAtPath(data, ["dates", "map"])).toEqual({ found: false });
    expect(valueAtPath(Object.create({ inherited: 1 }), ["inherited"])).toEqual({ found: false });
  });
});
