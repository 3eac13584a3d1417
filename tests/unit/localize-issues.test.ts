import { describe, expect, it } from "vitest";
import { localizeErrors } from "@/components/forms/localized-resolver";
import { validationTranslator } from "@/lib/i18n/translator";
import { issueMessage, localizeIssues, readIssueMessage, toFieldIssues } from "@/lib/validation/issues";
import { workspaceFormSchema } from "@/lib/workspaces/schema";

const en = validationTranslator("en");
const de = validationTranslator("de");

describe("issue messages", () => {
  it("carry a message key and its values, and read back exactly", () => {
    expect(issueMessage("nameRequired")).toBe("nameRequired");
    expect(readIssueMessage(issueMessage("nameRequired"))).toEqual({ key: "nameRequired" });
    const values = { detail: 'a "quoted" {{ brace }}\nline', max: 100 };
    expect(readIssueMessage(issueMessage("templateSyntax", values))).toEqual({
      key: "templateSyntax",
      values,
    });
  });

  it("are not read from zod's own words or broken values", () => {
    expect(readIssueMessage("Invalid input: expected string, received undefined")).toBeNull();
    expect(readIssueMessage("nameTooLong {not json}")).toBeNull();
    expect(readIssueMessage("")).toBeNull();
  });
});

describe("localizeIssues", () => {
  it("puts each issue into the reader's language, values filled in, paths kept", () => {
    const issues = [
      { path: "name", message: issueMessage("nameTooLong", { max: 100 }) },
      { path: "header.0.key", message: issueMessage("headerReserved", { header: "Host" }) },
    ];
    expect(localizeIssues(issues, en)).toEqual([
      { path: "name", message: en("nameTooLong", { max: 100 }) },
      { path: "header.0.key", message: en("headerReserved", { header: "Host" }) },
    ]);
    expect(localizeIssues(issues, de)[1]).toEqual({
      path: "header.0.key",
      message: "Den Header Host setzt Hooksmith selbst; wähle einen anderen Namen.",
    });
  });

  it("leaves text that is no message key as it is (zod's own words, a message localized before)", () => {
    const issues = [
      { path: "", message: 'Unrecognized key: "owner"' },
      { path: "name", message: "Gib einen Namen ein." },
      { path: "x", message: "noSuchKey" },
    ];
    expect(localizeIssues(issues, de)).toEqual(issues);
  });

  it("serves a static schema in either language", () => {
    const result = workspaceFormSchema.safeParse({ name: "  " });
    if (result.success) throw new Error("an empty name passed");
    const issues = toFieldIssues(result.error);
    expect(localizeIssues(issues, en)).toEqual([{ path: "name", message: en("nameRequired") }]);
    expect(localizeIssues(issues, de)).toEqual([{ path: "name", message: "Gib einen Namen ein." }]);
  });
});

describe("a form resolver's errors, localized", () => {
  it("localizes every message in nested and array errors and keeps each field's element", () => {
    const ref = { name: "header.1.key", focus: () => undefined };
    const errors = {
      name: { type: "too_big", message: issueMessage("nameTooLong", { max: 100 }) },
      header: [undefined, { key: { type: "custom", message: issueMessage("headerDuplicate"), ref } }],
    };
    const localized = localizeErrors(errors, en);
    expect(localized.name).toEqual({ type: "too_big", message: en("nameTooLong", { max: 100 }) });
    expect(localized.header[0]).toBeUndefined();
    expect(localized.header[1]?.key.message).toBe(en("headerDuplicate"));
    expect(localized.header[1]?.key.ref).toBe(ref);
    expect(errors.name.message).toBe(issueMessage("nameTooLong", { max: 100 }));
  });
});
