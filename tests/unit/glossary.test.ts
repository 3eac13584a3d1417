import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import de from "@/messages/de.json";
import en from "@/messages/en.json";

// The glossary is the source of truth; this test holds the message files to it.
const glossary = readFileSync(path.join(import.meta.dirname, "../../messages/GLOSSARY.md"), "utf8");

/** The rows of the table under a "## heading", as arrays of trimmed cells. */
function table(heading: string): string[][] {
  const section = glossary.split(/^## /m).find((part) => part.startsWith(heading));
  if (!section) throw new Error(`GLOSSARY.md has no section "${heading}"`);
  return section
    .split("\n")
    .filter((line) => line.startsWith("|"))
    .slice(2) // the header row and its separator
    .map((line) =>
      line
        .slice(1, -1)
        .split("|")
        .map((cell) => cell.trim()),
    );
}

function strings(messages: object, prefix = ""): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === "string"
      ? [[`${prefix}${key}`, value] as [string, string]]
      : strings(value as object, `${prefix}${key}.`),
  );
}

const list = (cell: string) =>
  cell
    .split(",")
    .map((term) => term.trim())
    .filter(Boolean);
const escapeRegExp = (term: string) => term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A ruled-out term counts at the start of a word, so inflected forms (Protokolls, Geheimnisse) count too;
// inside a compound (Zustellprotokoll) it is another word.
const startOfWord = (term: string) => new RegExp(`(?<![\\p{L}\\p{N}-])${escapeRegExp(term)}`, "iu");

const terms = table("Terms").map(
  ([concept = "", english = "", german = "", notEnglish = "", notGerman = ""]) => ({
    concept,
    english,
    german,
    notEnglish: list(notEnglish),
    notGerman: list(notGerman),
  }),
);
const languages = [
  { name: "English", messages: strings(en), term: "english", ruledOut: "notEnglish" },
  { name: "German", messages: strings(de), term: "german", ruledOut: "notGerman" },
] as const;

describe("the glossary", () => {
  it("has a term in each language for every concept", () => {
    expect(terms.length).toBeGreaterThan(10);
    for (const row of terms) expect([row.concept, row.english, row.german].every(Boolean)).toBe(true);
  });

  for (const language of languages) {
    it(`is what the ${language.name} messages use`, () => {
      const text = language.messages.map(([, value]) => value.toLowerCase()).join("\n");
      const unused = terms.filter((row) => !text.includes(row[language.term].toLowerCase()));
      expect(unused.map((row) => row[language.term])).toEqual([]);
    });

    it(`rules out the variants in the ${language.name} messages`, () => {
      const found = terms.flatMap((row) =>
        row[language.ruledOut].flatMap((variant) =>
          language.messages
            .filter(([, value]) => startOfWord(variant).test(value))
            .map(([key]) => `${variant} in ${key} (say "${row[language.term]}")`),
        ),
      );
      expect(found).toEqual([]);
    });
  }

  it("finds a ruled-out variant when it is there, inflected or not, but not inside a compound", () => {
    expect(startOfWord("Protokoll").test("Seiten des Protokolls")).toBe(true);
    expect(startOfWord("Protokoll").test("Zustellprotokoll")).toBe(false);
    expect(startOfWord("Geheimnis").test("Signatur-Geheimnis erneuert")).toBe(false);
    expect(startOfWord("Signatur-Geheimnis").test("Signatur-Geheimnis erneuert")).toBe(true);
  });
});

describe("trigger labels", () => {
  const labels = new Map(
    table("Trigger labels").map(([verb = "", english = "", german = ""]) => [verb, { english, german }]),
  );
  const elements = (messages: typeof en) =>
    Object.entries(messages.Elements).flatMap(([element, value]) =>
      "triggers" in value
        ? Object.entries(value.triggers as Record<string, string>).map(([verb, label]) => ({
            element,
            verb,
            label,
          }))
        : [],
    );

  it("read the same for the same verb on every element, as the glossary says, in each language", () => {
    const differing = [
      ...elements(en).filter(({ verb, label }) => labels.get(verb)?.english !== label),
      ...elements(de as typeof en).filter(({ verb, label }) => labels.get(verb)?.german !== label),
    ];
    expect(differing).toEqual([]);
    expect(elements(en).length).toBeGreaterThan(30);
  });
});
