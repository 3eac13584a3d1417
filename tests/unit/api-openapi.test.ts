import { describe, expect, it } from "vitest";
import { describeCatalog } from "@/lib/api/catalog";
import { openApiDocument } from "@/lib/api/openapi";
import { elements } from "@/lib/elements";

describe("the OpenAPI document", () => {
  const document = openApiDocument();
  const text = JSON.stringify(document);

  it("is OpenAPI 3.1 and every reference in it resolves", () => {
    expect(document.openapi).toBe("3.1.0");
    const refs = [...text.matchAll(/"\$ref":"#\/([^"]+)"/g)].map((match) => match[1] ?? "");
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const target = ref
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], document);
      expect(target, ref).toBeDefined();
    }
  });

  it("declares the bearer token and an error response for every operation", () => {
    expect(document.components.securitySchemes.bearerAuth).toEqual({ type: "http", scheme: "bearer" });
    for (const [path, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        if (method === "parameters") continue;
        const responses = Object.keys((operation as { responses: object }).responses);
        expect(responses, `${method} ${path}`).toContain("401");
      }
    }
  });

  it("describes request bodies as clients send them: defaults, optional fields, null to clear", () => {
    const { WebhookCreate, WebhookPatch, Webhook } = document.components.schemas;
    const create = WebhookCreate as { properties: Record<string, Record<string, unknown>> };
    expect(create.properties.content_type?.default).toBe("application/json");
    expect(create.properties.header?.default).toEqual([]);
    expect(WebhookPatch).not.toHaveProperty("required");
    expect(JSON.stringify(WebhookPatch)).not.toContain('"default"');
    expect((WebhookPatch as typeof create).properties.prokey_filter?.anyOf).toContainEqual({ type: "null" });
    expect((Webhook as { required: string[] }).required).toEqual(
      expect.arrayContaining(["id", "name", "active", "prokey_filter", "date_created", "last_execution"]),
    );
  });
});

describe("the catalog", () => {
  it("describes every element, and every variable has a description in both languages", () => {
    for (const locale of ["en", "de"] as const) {
      const catalog = describeCatalog(locale);
      expect(catalog.elements.map((element) => element.key)).toEqual(elements.map((element) => element.key));
      for (const element of catalog.elements) {
        expect(element.name).not.toBe(element.key);
        for (const trigger of element.triggers) {
          for (const variable of trigger.variables) {
            expect(
              variable.description,
              `${locale} ${element.key}.${trigger.key}: ${variable.path}`,
            ).not.toBe("");
          }
        }
      }
    }
  });
});
