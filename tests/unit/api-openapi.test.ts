import { createConfig, lintFromString } from "@redocly/openapi-core";
import { describe, expect, it } from "vitest";
import { describeCatalog } from "@/lib/api/catalog";
import { openApiDocument } from "@/lib/api/openapi";
import { elements } from "@/lib/elements";
import { readOnlyFields } from "@/lib/webhooks/schemas";

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

  type Schema = { [key: string]: unknown; properties: Record<string, Record<string, unknown>> };
  type Operation = {
    operationId: string;
    requestBody?: unknown;
    responses: Record<string, { $ref?: string }>;
  };
  const schemas = document.components.schemas as Record<string, Schema>;
  const operations = Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => method !== "parameters")
      .map(([method, operation]) => ({ name: `${method} ${path}`, operation: operation as Operation })),
  );

  it("passes Redocly's recommended rules without an error", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: text, absoluteRef: "/openapi.json", config });
    const errors = problems.filter((problem) => problem.severity === "error");
    expect(errors.map((problem) => `${problem.ruleId}: ${problem.message}`)).toEqual([]);
  });

  it("accepts the key as a Bearer credential and bare, on every operation", () => {
    expect(document.components.securitySchemes).toMatchObject({
      bearerAuth: { type: "http", scheme: "bearer" },
      apiKeyAuth: { type: "apiKey", in: "header", name: "Authorization" },
    });
    // Alternatives: either scheme alone is enough.
    expect(document.security).toEqual([{ bearerAuth: [] }, { apiKeyAuth: [] }]);
    for (const { name, operation } of operations) expect(operation, name).not.toHaveProperty("security");
  });

  it("documents every error status an operation answers, with the envelope and its headers", () => {
    const { responses } = document.components;
    for (const { name, operation } of operations) {
      const statuses = Object.keys(operation.responses);
      expect(statuses, name).toEqual(expect.arrayContaining(["401", "403", "405", "429", "500"]));
      if (operation.requestBody) {
        expect(statuses, name).toEqual(expect.arrayContaining(["400", "413", "415", "422"]));
      }
      for (const status of statuses.filter((code) => code >= "400")) {
        const reference = operation.responses[status]?.$ref;
        const response = reference
          ? responses[reference.split("/").pop() as keyof typeof responses]
          : operation.responses[status];
        expect(JSON.stringify(response), `${name} ${status}`).toContain('"#/components/schemas/Error"');
      }
    }
    for (const id of [
      "getLatestWebhook",
      "getWebhook",
      "updateWebhook",
      "deleteWebhook",
      "rotateWebhookSecret",
    ]) {
      const operation = operations.find((entry) => entry.operation.operationId === id);
      expect(Object.keys(operation?.operation.responses ?? {}), id).toContain("404");
    }
    expect(responses.MethodNotAllowed.headers.Allow).toEqual({ $ref: "#/components/headers/Allow" });
    expect(responses.RateLimited.headers["Retry-After"]).toEqual({ $ref: "#/components/headers/RetryAfter" });
    expect(document.components.headers.Allow.required).toBe(true);
    expect(document.components.headers.RetryAfter.required).toBe(true);
  });

  it("marks the fields only Hooksmith sets read-only, and accepts them in requests to ignore them", () => {
    const { WebhookCreate, WebhookPatch, Webhook } = schemas;
    for (const field of readOnlyFields) {
      for (const schema of [Webhook, WebhookCreate, WebhookPatch]) {
        expect(schema?.properties[field], field).toMatchObject({
          readOnly: true,
          description: expect.stringContaining("Read-only: set by Hooksmith, and ignored when sent"),
        });
      }
      expect(WebhookCreate?.required, field).not.toContain(field);
    }
    for (const field of ["name", "payload_url", "header"]) {
      expect(Webhook?.properties[field]).not.toHaveProperty("readOnly");
    }
    expect(WebhookCreate?.description).toContain("any other unknown field is refused with 422");
  });

  it("describes request bodies as clients send them: no default, optional fields, null to clear", () => {
    const { WebhookCreate, WebhookPatch, Webhook } = schemas;
    // Generators make a field with a `default` required; the default is said in the description.
    expect(JSON.stringify(WebhookCreate)).not.toContain('"default"');
    expect(WebhookCreate?.properties.content_type?.description).toContain("Default: `application/json`.");
    expect(WebhookCreate?.properties.header?.description).toContain("Default: `[]`.");
    expect(WebhookCreate?.required).toEqual(["name", "payload_url", "trigger_element", "trigger"]);
    expect(WebhookPatch).not.toHaveProperty("required");
    expect(JSON.stringify(WebhookPatch)).not.toContain('"default"');
    expect(WebhookPatch?.properties.prokey_filter?.anyOf).toContainEqual({ type: "null" });
    expect(Webhook?.required).toEqual(
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
