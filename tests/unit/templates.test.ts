import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { checkTemplate } from "@/lib/templates/parse";
import { renderTemplate, renderValue } from "@/lib/templates/render";

describe("checkTemplate", () => {
  it("lists the variables of a template", () => {
    expect(checkTemplate("Hi {{payload.first_name}}, {{ email }}!")).toEqual({
      ok: true,
      paths: ["payload.first_name", "email"],
    });
    expect(checkTemplate("plain text")).toEqual({ ok: true, paths: [] });
  });

  it("reports syntax errors and anything beyond plain variables", () => {
    expect(checkTemplate("{{email")).toMatchObject({ ok: false, problem: "syntax" });
    for (const source of [
      "{{#each dates}}{{name}}{{/each}}",
      "{{log email}}",
      "{{@root.email}}",
      "{{../email}}",
      "{{> p}}",
    ]) {
      expect(checkTemplate(source), source).toMatchObject({ ok: false, problem: "unsupported" });
    }
  });
});

describe("rendering", () => {
  const data = {
    email: "lena@example.de",
    amount: 2,
    payload: { ok: true },
    note: "<b>&</b>",
    dates: [{ name: "Tag" }],
  };

  it("does not escape HTML and reads array items by index", () => {
    expect(renderTemplate("{{note}} {{dates.0.name}}", data)).toBe("<b>&</b> Tag");
  });

  it("keeps the JSON type of a value that is exactly one variable", () => {
    expect(renderValue("{{amount}}", data)).toBe(2);
    expect(renderValue("{{ payload }}", data)).toEqual({ ok: true });
    expect(renderValue("{{amount}} seats", data)).toBe("2 seats");
  });

  it("fails on a variable missing from the data instead of sending an empty value", () => {
    expect(() => renderValue("{{missing}}", data)).toThrow();
    expect(() => renderTemplate("x {{missing}}", data)).toThrow();
  });

  it("never reaches the prototype", () => {
    expect(() => renderValue("{{constructor}}", data)).toThrow();
    expect(() => renderTemplate("{{constructor.name}}", data)).toThrow();
  });
});

describe("rendering without eval", () => {
  it("prints exactly what Handlebars.compile with strict and noEscape prints", () => {
    const data = {
      no: false,
      zero: 0,
      nothing: null,
      unset: undefined,
      list: [1, "b", null],
      object: { k: 1 },
      markup: "x<y>&\"'",
      empty: "",
      nested: { rows: [{ name: "Jürgen 🎉" }] },
    };
    const templates = [
      "{{no}}",
      "{{zero}}",
      "{{nothing}}",
      "{{unset}}",
      "{{list}}",
      "{{object}}",
      "a {{markup}} b {{{markup}}}",
      "[{{empty}}]",
      "Hi {{nested.rows.0.name}}!",
      "{{! a comment }}x",
      "  {{~markup~}}  y",
      "{{nested.[rows].0.name}}",
    ];
    for (const template of templates) {
      const expected = Handlebars.compile(template, { strict: true, noEscape: true })(data);
      expect(renderTemplate(template, data), template).toBe(expected);
    }
    for (const template of ["{{missing}}", "{{nothing.x}}", "{{object.missing}}"]) {
      expect(() => Handlebars.compile(template, { strict: true })(data)).toThrow();
      expect(() => renderTemplate(template, data), template).toThrow();
    }
  });
});
