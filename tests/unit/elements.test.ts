import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  deriveVariables,
  type ElementDefinition,
  elementFamilies,
  elements,
  elementsByFamily,
  findVariable,
  getElement,
  sampleFor,
  triggerMessageKey,
  variableMessageKey,
  variablesFor,
} from "@/lib/elements";
import de from "@/messages/de.json";
import en from "@/messages/en.json";

type ElementMessages = {
  name: string;
  triggers: Record<string, string>;
  filters?: Record<string, string>;
  variables: Record<string, string>;
};

const locales = { en, de } as const;

function messagesOf(locale: keyof typeof locales, key: string): ElementMessages | undefined {
  return (locales[locale].Elements as unknown as Record<string, ElementMessages | undefined>)[key];
}

function element(key: string): ElementDefinition {
  const found = getElement(key);
  if (!found) throw new Error(`no element ${key}`);
  return found;
}

// Every variable a user may pick for any trigger of the element, by message key.
function derivedMessageKeys(definition: ElementDefinition): Set<string> {
  return new Set(
    definition.triggers.flatMap((trigger) =>
      variablesFor(definition, trigger).map((variable) => variableMessageKey(variable.path)),
    ),
  );
}

function fullTrigger(definition: ElementDefinition): string {
  const trigger = definition.triggers.find((t) => !definition.idOnlyTriggers.includes(t));
  if (!trigger) throw new Error(`${definition.key} has only id-only triggers`);
  return trigger;
}

describe("element catalog", () => {
  it("has unique element keys, grouped by family in the reference order", () => {
    const keys = elements.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual([
      "rsvp_answer",
      "event",
      "event_group",
      "style",
      "rsvp_template",
      "cta_template",
      "landingpage_template",
      "booking",
      "attendee",
      "meeting",
      "session",
      "sponsor",
      "poll",
      "hooksmith",
    ]);
    expect(elementsByFamily().map((group) => group.family)).toEqual([...elementFamilies]);
  });

  it("uses the trigger verbs of the reference sheet", () => {
    const atc = ["create", "update", "delete"];
    for (const key of ["rsvp_answer", "event", "event_group", "style", "rsvp_template", "cta_template"]) {
      expect(element(key).triggers).toEqual(atc);
    }
    expect(element("landingpage_template").triggers).toEqual(atc);
    expect(element("attendee").triggers).toEqual(atc);
    expect(element("booking").triggers).toEqual(["create", "reschedule", "cancel"]);
    expect(element("meeting").triggers).toEqual(["book", "reschedule", "cancel", "update_attendee_status"]);
    expect(element("session").triggers).toEqual(["create", "book", "unbook", "join", "watch"]);
    expect(element("sponsor").triggers).toEqual([
      "create_product",
      "update_product",
      "delete_product",
      "view",
      "click_link",
      "download_asset",
      "chat",
      "mark_interested",
    ]);
    expect(element("poll").triggers).toEqual(["create", "answer"]);
    expect(element("hooksmith").triggers).toEqual([
      "webhook.failing",
      "webhook.disabled",
      "webhook.recovered",
      "delivery.failed",
    ]);
  });

  it("makes every delete trigger, and only those, id-only", () => {
    for (const definition of elements) {
      expect(definition.idOnlyTriggers, definition.key).toEqual(
        definition.triggers.filter((trigger) => trigger.startsWith("delete")),
      );
    }
  });

  it("offers the prokey filter for RSVP answers only", () => {
    expect(elements.filter((e) => e.prokeyFilter).map((e) => e.key)).toEqual(["rsvp_answer"]);
  });
});

describe.each(elements.map((definition) => [definition.key, definition] as const))(
  "%s",
  (_key, definition) => {
    it("has a sample that passes its schema", () => {
      const result = definition.schema.safeParse(definition.sample);
      expect(result.error?.issues).toBeUndefined();
    });

    it("has trigger samples only for its own triggers", () => {
      for (const trigger of Object.keys(definition.samplesByTrigger ?? {})) {
        expect(definition.triggers).toContain(trigger);
      }
    });

    it.each(definition.triggers.map((trigger) => [trigger]))(
      "sends data for %s that passes the schema",
      (trigger) => {
        const data = sampleFor(definition, trigger);
        if (definition.idOnlyTriggers.includes(trigger)) {
          expect(Object.keys(data)).toEqual(["id"]);
          expect(definition.idSchema.safeParse(data.id).success).toBe(true);
        } else {
          const result = definition.schema.safeParse(data);
          expect(result.error?.issues).toBeUndefined();
        }
      },
    );

    it("offers only `id` on a delete", () => {
      for (const trigger of definition.idOnlyTriggers) {
        expect(variablesFor(definition, trigger).map((variable) => variable.path)).toEqual(["id"]);
      }
    });

    it("has unique variable message keys for each trigger", () => {
      for (const trigger of definition.triggers) {
        const keys = variablesFor(definition, trigger).map((variable) => variableMessageKey(variable.path));
        expect(new Set(keys).size).toBe(keys.length);
      }
    });

    it("has filter paths that exist in its schema with the filter's type", () => {
      const variables = variablesFor(definition, fullTrigger(definition));
      for (const filter of definition.filters) {
        const variable = findVariable(variables, filter.path);
        expect(variable?.path, filter.key).toBe(filter.path);
        if (filter.type === "integer") expect(variable?.type).toBe("integer");
        else expect(["string", "enum"]).toContain(variable?.type);
      }
    });

    it.each(Object.keys(locales).map((locale) => [locale as keyof typeof locales]))(
      "is fully described in %s, with nothing orphaned",
      (locale) => {
        const messages = messagesOf(locale, definition.key);
        expect(messages?.name).toBeTruthy();
        expect(Object.keys(messages?.triggers ?? {}).sort()).toEqual(
          definition.triggers.map(triggerMessageKey).sort(),
        );
        expect(Object.keys(messages?.filters ?? {}).sort()).toEqual(
          definition.filters.map((f) => f.key).sort(),
        );
        expect(Object.keys(messages?.variables ?? {}).sort()).toEqual(
          [...derivedMessageKeys(definition)].sort(),
        );
        for (const text of [
          ...Object.values(messages?.triggers ?? {}),
          ...Object.values(messages?.filters ?? {}),
          ...Object.values(messages?.variables ?? {}),
        ]) {
          expect(text.trim()).not.toBe("");
        }
      },
    );
  },
);

describe("element messages", () => {
  it("have the same keys in English and German", () => {
    const keysOf = (value: unknown, prefix = ""): string[] =>
      value && typeof value === "object"
        ? Object.entries(value).flatMap(([key, child]) => keysOf(child, `${prefix}${key}.`))
        : [prefix];
    expect(keysOf(de.Elements)).toEqual(keysOf(en.Elements));
  });

  it("name every family", () => {
    for (const family of elementFamilies) {
      expect(en.Elements.families[family]).toBeTruthy();
      expect(de.Elements.families[family]).toBeTruthy();
    }
  });

  it("format without errors through next-intl", () => {
    // Passing values makes next-intl compile every message, so a stray brace or tag is reported.
    for (const locale of ["en", "de"] as const) {
      const errors: string[] = [];
      const t = createTranslator({
        locale,
        messages: locales[locale],
        namespace: "Elements",
        onError: (error) => errors.push(error.message),
      }) as unknown as (key: string, values: object) => string;
      for (const definition of elements) {
        const entry = messagesOf(locale, definition.key);
        for (const group of ["triggers", "filters", "variables"] as const) {
          for (const key of Object.keys(entry?.[group] ?? {})) t(`${definition.key}.${group}.${key}`, {});
        }
      }
      expect(errors).toEqual([]);
    }
  });
});

describe("variables of particular elements", () => {
  it("offers booking metadata as `metadata.*` and matches any key under it", () => {
    const variables = variablesFor(element("booking"), "create");
    expect(variables.map((v) => v.path)).toEqual(
      expect.arrayContaining(["metadata.videoCallUrl", "metadata.*"]),
    );
    expect(findVariable(variables, "metadata.user_id")).toMatchObject({ path: "metadata.*", type: "string" });
    expect(findVariable(variables, "metadata.videoCallUrl")).toMatchObject({ path: "metadata.videoCallUrl" });
    expect(findVariable(variables, "attendees.1.email")).toMatchObject({
      path: "attendees.0.email",
      type: "email",
    });
  });

  it("keeps the whole booking on cancel and carries the previous slot on reschedule", () => {
    const booking = element("booking");
    expect(variablesFor(booking, "cancel").length).toBeGreaterThan(1);
    expect(sampleFor(booking, "cancel")).toMatchObject({
      status: "CANCELLED",
      cancellationReason: expect.any(String),
    });
    expect(sampleFor(booking, "cancel")).not.toHaveProperty("videoCallData");
    expect(sampleFor(booking, "reschedule")).toMatchObject({
      rescheduleUid: sampleFor(booking, "create").uid,
    });
  });

  it("matches any date of an event to the first one's variables", () => {
    const variables = variablesFor(element("event"), "update");
    expect(findVariable(variables, "dates.2.name")).toMatchObject({ path: "dates.0.name", type: "string" });
    expect(findVariable(variables, "dates.0.startTime")).toMatchObject({ type: "time", nullable: true });
    expect(findVariable(variables, "dates.x.name")).toBeUndefined();
  });

  it("sends the prokey as `id` when an event or event group is deleted", () => {
    for (const key of ["event", "event_group"]) {
      const definition = element(key);
      expect(sampleFor(definition, "delete")).toEqual({
        id: (definition.sample as { prokey: string }).prokey,
      });
      expect(variablesFor(definition, "delete")).toEqual([{ path: "id", type: "uuid", nullable: false }]);
    }
  });

  it("sends the product's id when a sponsor product is deleted", () => {
    const sponsor = element("sponsor");
    const product = sampleFor(sponsor, "create_product") as { product: { id: string } };
    expect(sampleFor(sponsor, "delete_product")).toEqual({ id: product.product.id });
  });

  it("accepts the numeric string id that Add to Calendar PRO returns right after creating", () => {
    const style = element("style");
    expect(style.schema.safeParse({ ...style.sample, id: "67" }).success).toBe(true);
    expect(style.idSchema.safeParse("67").success).toBe(true);
    expect(style.idSchema.safeParse("abc").success).toBe(false);
    expect(findVariable(variablesFor(style, "update"), "id")).toMatchObject({ type: "integer" });
  });

  it("offers free-form keys of RSVP answers and attendee registration answers", () => {
    expect(findVariable(variablesFor(element("rsvp_answer"), "create"), "payload.first_name")?.path).toBe(
      "payload.*",
    );
    expect(
      findVariable(variablesFor(element("attendee"), "update"), "registration_answers.dietary")?.path,
    ).toBe("registration_answers.*");
  });

  it("reads a union of enums as one enum with every value", () => {
    const schema = z.object({ kind: z.union([z.enum(["a", "b"]), z.literal("c")]) });
    expect(deriveVariables(schema)).toEqual([
      { path: "kind", type: "enum", enumValues: ["a", "b", "c"], nullable: false },
    ]);
  });
});

describe("trigger-specific fields", () => {
  const paths = (key: string, trigger: string) => {
    const element = getElement(key);
    if (!element) throw new Error(`no element ${key}`);
    return variablesFor(element, trigger).map((variable) => variable.path);
  };

  it("offers a field only on the triggers that carry it", () => {
    expect(paths("booking", "cancel")).toContain("cancellationReason");
    expect(paths("booking", "create")).not.toContain("cancellationReason");
    expect(paths("booking", "reschedule")).toContain("rescheduleUid");
    expect(paths("poll", "create")).not.toContain("answer.option_ids");
    expect(paths("poll", "answer")).toContain("attendee.email");
    expect(paths("session", "create")).not.toContain("attendee.email");
    expect(paths("sponsor", "click_link")).toContain("link.url");
    expect(paths("sponsor", "view")).not.toContain("product.name");
  });

  it("names only top-level fields of the schema and triggers of the element", () => {
    for (const element of elements) {
      for (const [field, triggers] of Object.entries(element.fieldsByTrigger ?? {})) {
        expect(Object.keys(element.schema.shape), `${element.key}.${field}`).toContain(field);
        for (const trigger of triggers) expect(element.triggers).toContain(trigger);
      }
    }
  });
});
