import { describe, expect, it } from "vitest";
import { parseAdminArgs } from "@/lib/admin/args";
import { validationTranslator } from "@/lib/i18n/translator";
import { keySchema } from "@/lib/keys/schema";
import { localizeIssues, toFieldIssues } from "@/lib/validation/issues";
import { workspaceFormSchema, workspaceNameSchema } from "@/lib/workspaces/schema";

// One rule for workspace names: the forms, the server actions and the admin CLI all use this schema.

const en = validationTranslator("en");
const de = validationTranslator("de");
const name = workspaceNameSchema;

// The schema's messages are keys; what a person reads is what localizeIssues makes of them.
function refusal(input: unknown, t = en): string | undefined {
  const result = workspaceNameSchema.safeParse(input);
  return result.success ? undefined : localizeIssues(toFieldIssues(result.error), t)[0]?.message;
}

describe("workspace name", () => {
  it("is trimmed and may have 1 to 100 characters", () => {
    expect(name.parse("  Events team  ")).toBe("Events team");
    expect(name.parse("n".repeat(100))).toBe("n".repeat(100));
    expect(name.parse(` ${"n".repeat(100)} `)).toBe("n".repeat(100));
    expect(name.parse("Café – Anmeldungen ✓ 📅")).toBe("Café – Anmeldungen ✓ 📅");
  });

  it("refuses an empty or blank name, and one over 100 characters", () => {
    expect(refusal("")).toBe(en("nameRequired"));
    expect(refusal("   \t ")).toBe(en("nameRequired"));
    expect(refusal("n".repeat(101))).toBe(en("nameTooLong", { max: 100 }));
    expect(refusal(undefined)).toBe(en("nameRequired"));
    expect(refusal(42)).toBe(en("nameRequired"));
  });

  it("refuses NUL, control and direction-override characters, as webhook names do", () => {
    for (const bad of ["Team\u0000A", "Team\u0007", "Team \u202Emaet", "\u2066Team", "Team\u0085"]) {
      expect(refusal(bad), JSON.stringify(bad)).toBe(en("textInvisible"));
    }
  });

  it("says so in German for German readers", () => {
    expect(refusal("")).not.toBe(refusal("", de));
    expect(refusal("", de)).toBe("Gib einen Namen ein.");
    expect(refusal("Team\u202E", de)).toMatch(/Steuerzeichen/);
  });

  it("takes only the name in the forms' and actions' input", () => {
    expect(workspaceFormSchema.parse({ name: " Team " })).toEqual({ name: "Team" });
    expect(workspaceFormSchema.safeParse({ name: "Team", owner: "x" }).success).toBe(false);
    expect(workspaceFormSchema.safeParse("Team").success).toBe(false);
  });
});

describe("admin CLI workspace create --name", () => {
  const refused = (value: string) => {
    const result = parseAdminArgs(["workspace", "create", "--name", value, "--owner", "a@b.io"]);
    return result.ok ? undefined : result.error;
  };

  it("follows the same rule, in the CLI's words", () => {
    expect(refused("  ")).toBe("--name must not be empty.");
    expect(refused("n".repeat(101))).toBe("--name may have at most 100 characters.");
    expect(refused("A\u0000B")).toMatch(/control/);
    // Beyond what the CLI refused before: direction overrides.
    expect(refused("Team \u202Emaet")).toMatch(/direction-override/);
    expect(parseAdminArgs(["workspace", "create", "--name", " Team A ", "--owner", "a@b.io"])).toMatchObject({
      ok: true,
      command: { workspaceName: "Team A" },
    });
  });
});

describe("key form", () => {
  const issuesOf = (input: Record<string, unknown>, t = en) => {
    const result = keySchema.safeParse({ name: "CRM", expires: "", ...input });
    return result.success
      ? []
      : localizeIssues(toFieldIssues(result.error), t).map((issue) => [issue.path, issue.message]);
  };

  it("gives an API key a scope and an event key none", () => {
    expect(issuesOf({ kind: "api", scope: "read" })).toEqual([]);
    expect(issuesOf({ kind: "event" })).toEqual([]);
    expect(issuesOf({ kind: "api" })).toEqual([["scope", en("keyScopeInvalid")]]);
  });

  it("refuses any scope given for an event key, in the reader's language", () => {
    for (const scope of ["read", "write", "read_write"]) {
      expect(issuesOf({ kind: "event", scope })).toEqual([["scope", en("keyScopeForEventKey")]]);
    }
    expect(issuesOf({ kind: "event", scope: "read" }, de)).toEqual([
      [
        "scope",
        "Ein Event-Schlüssel hat nur eine Berechtigung, Ereignisse zu senden: Lass die Berechtigung weg.",
      ],
    ]);
  });
});
