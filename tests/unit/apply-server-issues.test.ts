import type { ErrorOption } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { applyServerIssues } from "@/components/forms/apply-server-issues";

type Values = { name: string; header: { key: string; value: string }[] };

function fakeForm() {
  const errors: Record<string, ErrorOption> = {};
  return {
    errors,
    setError: (name: string, error: ErrorOption) => {
      errors[name] = error;
    },
  };
}

describe("applyServerIssues", () => {
  it("puts each issue on the field it names, as a server error with the message as given", () => {
    const form = fakeForm();
    const unplaced = applyServerIssues<Values>(
      form,
      [
        { path: "name", message: "Enter a name." },
        { path: "header.0.key", message: "Hooksmith sets the Host header itself." },
      ],
      (path) => (path === "name" || path === "header.0.key" ? path : null),
    );
    expect(unplaced).toEqual([]);
    expect(form.errors).toEqual({
      name: { type: "server", message: "Enter a name." },
      "header.0.key": { type: "server", message: "Hooksmith sets the Host header itself." },
    });
  });

  it("returns the issues no field shows, with their path when they have one", () => {
    const form = fakeForm();
    const unplaced = applyServerIssues<Values>(
      form,
      [
        { path: "", message: 'Unrecognized key: "owner"' },
        { path: "filters.city", message: "This element has no such filter." },
        { path: "name", message: "Enter a name." },
      ],
      (path) => (path === "name" ? "name" : null),
    );
    expect(unplaced).toEqual(['Unrecognized key: "owner"', "filters.city: This element has no such filter."]);
    expect(Object.keys(form.errors)).toEqual(["name"]);
  });

  it("can send every issue to one field, and takes a refusal without issues", () => {
    const form = fakeForm();
    expect(applyServerIssues<Values>(form, [{ path: "", message: "No." }], () => "name")).toEqual([]);
    expect(form.errors.name).toEqual({ type: "server", message: "No." });
    expect(applyServerIssues<Values>(fakeForm(), undefined, () => "name")).toEqual([]);
  });
});
