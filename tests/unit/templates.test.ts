import Handlebars from "handlebars";
import { describe, expect, it } from "vitest";
import { checkTemplate, MAX_TEMPLATE_VARIABLES, parseTemplate } from "@/lib/templates/parse";
import { renderTemplate, renderValue } from "@/lib/templates/render";
import { cpuMillis } from "../helpers/cpu-time";

describe("checkTemplate", () => {
  it("lists the variables of a template", () => {
    expect(checkTemplate("Hi {{payload.first_name}}, {{ email }}!")).toEqual({
      ok: true,
      paths: ["payload.first_name", "email"],
      text: "Hi , !",
    });
    expect(checkTemplate("plain text")).toEqual({ ok: true, paths: [], text: "plain text" });
  });

  it("reports syntax errors and anything beyond plain variables", () => {
    expect(checkTemplate("{{email")).toMatchObject({ ok: false, problem: "syntax" });
    for (const source of [
      "{{#each dates}}{{name}}{{/each}}",
      "{{log email}}",
      "{{@root.email}}",
      "{{../email}}",
      "{{> p}}",
      "{{! a comment }}x",
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

// One grammar, tested from both sides: every construct is either refused by the check (and then by the
// renderer too), or renders exactly what Handlebars.compile({ strict, noEscape }) renders.
describe("the template grammar agrees with Handlebars", () => {
  const data = {
    email: "lena@example.de",
    amount: 2,
    $price: 3,
    "first name": "Lena",
    "a-b": "dash",
    nested: { rows: [{ name: "Jürgen" }], "x-y": 1, "0b": "zb" },
    text: " padded ",
  };
  const handlebars = (source: string) => Handlebars.compile(source, { strict: true, noEscape: true })(data);
  const renders = (source: string) => {
    expect(checkTemplate(source), source).toMatchObject({ ok: true });
    expect(renderTemplate(source, data), source).toBe(handlebars(source));
  };
  const refused = (source: string) => {
    expect(checkTemplate(source), source).toMatchObject({ ok: false });
    expect(() => renderTemplate(source, data), source).toThrow();
  };

  it("renders the constructs it accepts exactly as Handlebars does", () => {
    for (const source of [
      "{{email}}",
      "{{ email }}",
      "{{\temail\n}}",
      "{{{email}}}",
      "{{{ email }}}",
      "{{~email~}}",
      "{{~ email ~}}",
      "{{~{email}~}}",
      "a  {{~email}}  b",
      "a  {{email~}}  b",
      "a \n {{~email~}} \n b",
      "{{email~}} \u00a0\u2028 {{~amount}}",
      "{{email}}{{amount}}",
      "{{$price}}",
      "{{a-b}}",
      "{{[first name]}}",
      "{{nested.[rows].0.name}}",
      "{{nested.rows.0.name}}",
      "{{nested.x-y}}",
      "{{nested.0b}}",
      "}} {x} { {",
      "x{{{email}}}",
      "{x{{email}}",
      "100% {{amount}}",
      "\\ back\\slash {{email}}",
    ]) {
      renders(source);
    }
  });

  it("refuses what it does not accept, and the renderer refuses it too", () => {
    for (const source of [
      "{{email",
      "{{}}",
      "{{ }}",
      "{{#if email}}x{{/if}}",
      "{{^email}}x{{/email}}",
      "{{else}}",
      "{{> partial}}",
      "{{! comment }}",
      "{{!-- comment --}}",
      "{{&email}}",
      "{{email}}}",
      "{{{email}}",
      "{{{~email~}}}",
      "{{ ~email}}",
      "\\{{email}}",
      "\\\\{{email}}",
      "{{this}}",
      "{{this.email}}",
      "{{./email}}",
      "{{../email}}",
      "{{@root.email}}",
      "{{nested/rows}}",
      "{{nested . rows}}",
      "{{nested..rows}}",
      "{{nested.rows.0}}",
      "{{nested.-1}}",
      "{{0}}",
      "{{-1}}",
      "{{true}}",
      "{{nested.true}}",
      "{{null}}",
      "{{undefined}}",
      "{{'email'}}",
      '{{"email"}}',
      "{{log email}}",
      "{{email amount}}",
      "{{email key=1}}",
      "{{(email)}}",
      "{{nested.[]}}",
      "{{nested.[a.b]}}",
      "{{nested.[a\\]b]}}",
      "{{[a]b}}",
      "{{{{raw}}}}x{{{{/raw}}}}",
      "{{*decorator}}",
      "{{constructor}}",
      "{{nested.__proto__}}",
      "x\u0000{{email}}",
    ]) {
      refused(source);
    }
  });

  // A generated corpus: every template built from these pieces that the check accepts renders as Handlebars
  // does (and the pieces make plenty that it refuses, from the same neighbourhood).
  it("agrees on every accepted template built from a small alphabet", () => {
    const texts = [" ", "\n", "\t", "x", "}", "{", "\\", "~", "}}", "\u00a0"];
    const opens = ["{{", "{{", "{{~", "{{~", "{{{", "{{~{", "{{&", "{{#", "{{!", "{{ ~"];
    const spaces = ["", " ", "\n"];
    const paths = [
      "email",
      "amount",
      "nested.0b",
      "[first name]",
      "nested.rows.0.name",
      "nested.",
      "this",
      "0",
      "a-b",
    ];
    const closes = ["}}", "}}", "~}}", "~}}", "}}}", "}~}}", "}", "} }}"];
    let seed = 7;
    const pick = <T>(list: readonly T[]): T => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return list[Math.floor((seed / 2 ** 31) * list.length)] as T;
    };
    let accepted = 0;
    for (let index = 0; index < 3000; index++) {
      let source = "";
      for (let part = 0; part < 3; part++) {
        source += pick([true, false])
          ? pick(texts) + pick(texts)
          : pick(opens) + pick(spaces) + pick(paths) + pick(spaces) + pick(closes);
      }
      const check = checkTemplate(source);
      if (!check.ok) continue;
      if (check.paths.length > 0) accepted += 1;
      expect(renderTemplate(source, data), source).toBe(handlebars(source));
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it("keeps the JSON type through whitespace control", () => {
    expect(renderValue("{{~amount~}}", data)).toBe(2);
    expect(renderValue(" {{~amount}}", data)).toBe(2);
    expect(renderValue(" {{amount}}", data)).toBe(" 2");
  });
});

describe("the check's work is bounded", () => {
  it(`refuses more than ${MAX_TEMPLATE_VARIABLES} variables in one value`, () => {
    expect(checkTemplate("{{email}}".repeat(MAX_TEMPLATE_VARIABLES))).toMatchObject({ ok: true });
    expect(checkTemplate("{{email}}".repeat(MAX_TEMPLATE_VARIABLES + 1))).toMatchObject({
      ok: false,
      problem: "tooManyVariables",
    });
  });

  it("refuses nested blocks and sub-expressions at once, without Handlebars' super-linear parse", () => {
    const blocks = `${"{{#if a}}".repeat(8000)}x${"{{/if}}".repeat(8000)}`;
    const subexpressions = `{{a ${"(b ".repeat(20000)}${")".repeat(20000)}}}`;
    const whitespace = `${" ".repeat(100_000)}x{{~email}}`;
    for (const source of [blocks, subexpressions, whitespace]) {
      expect(cpuMillis(() => parseTemplate(source))).toBeLessThan(50);
    }
  });
});
