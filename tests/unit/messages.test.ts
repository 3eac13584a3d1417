import { describe, expect, it } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";

function keys(messages: object, prefix = ""): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    value && typeof value === "object" ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`],
  );
}

describe("message files", () => {
  it("have the same keys in English and German", () => {
    const english = keys(en);
    const german = keys(de);
    expect(english.filter((key) => !german.includes(key))).toEqual([]);
    expect(german.filter((key) => !english.includes(key))).toEqual([]);
  });

  it("have no empty strings", () => {
    const empty = (messages: object) =>
      keys(messages).filter(
        (key) => key.split(".").reduce<unknown>((node, part) => (node as never)[part], messages) === "",
      );
    expect(empty(en)).toEqual([]);
    expect(empty(de)).toEqual([]);
  });
});
