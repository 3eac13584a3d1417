import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import type { ApiResponse } from "./client";

// Holds real answers of the running app against its own OpenAPI document, as a validating proxy would:
// the status must be documented for the operation, the body must match its schema, required headers
// must be there.
type Node = { [key: string]: unknown };
export type OpenApiDocument = Node & { paths: Record<string, Record<string, Node>> };

const DOCUMENT_ID = "https://hooksmith.test/openapi.json";
const pointerSegment = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export function openApiChecker(document: OpenApiDocument) {
  // OpenAPI 3.1 schemas are JSON Schema 2020-12; `strict: false` lets Ajv pass over OpenAPI's own keys.
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const validators = new Map<string, ValidateFunction>();

  const at = (pointer: string): Node =>
    pointer
      .split("/")
      .slice(1)
      .reduce<Node>((node, key) => node[key.replaceAll("~1", "/").replaceAll("~0", "~")] as Node, document);
  // A `$ref` object resolved to what it points at, with the pointer of the result.
  const resolve = (pointer: string): { pointer: string; node: Node } => {
    const node = at(pointer);
    const reference = node?.$ref;
    return typeof reference === "string" ? resolve(reference.slice(1)) : { pointer, node };
  };
  const validate = (pointer: string, value: unknown, what: string) => {
    let validator = validators.get(pointer);
    if (!validator) {
      validator = ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
      validators.set(pointer, validator);
    }
    const valid = validator(value);
    expect(validator.errors ?? [], `${what}: ${JSON.stringify(value).slice(0, 300)}`).toEqual([]);
    expect(valid).toBe(true);
  };
  const operationPointer = (method: string, template: string) => {
    const pointer = `/paths/${pointerSegment(template)}/${method.toLowerCase()}`;
    expect(at(pointer), `${method} ${template} is documented`).toBeDefined();
    return pointer;
  };

  const conforms = (responsePointer: string, response: ApiResponse, what: string) => {
    const documented = resolve(responsePointer);
    for (const name of Object.keys((documented.node.headers ?? {}) as Record<string, Node>)) {
      const { node, pointer } = resolve(`${documented.pointer}/headers/${pointerSegment(name)}`);
      const value = response.headers.get(name);
      if (node.required) expect(value, `${what}: header ${name}`).not.toBeNull();
      if (value === null) continue;
      const typed = (node.schema as Node).type === "integer" ? Number(value) : value;
      validate(`${pointer}/schema`, typed, `${what}: header ${name}`);
    }
    if (documented.node.content) {
      validate(`${documented.pointer}/content/application~1json/schema`, response.body, what);
    } else {
      expect(response.text, `${what} has no body`).toBe("");
    }
  };

  return {
    /** Checks one answer of `method template` (e.g. "GET", "/webhook/{id}") against the document. */
    response(method: string, template: string, response: ApiResponse) {
      const what = `${method} ${template} → ${response.status}`;
      const responses = at(`${operationPointer(method, template)}/responses`);
      expect(Object.keys(responses), `${what} is a documented status`).toContain(String(response.status));
      conforms(`${operationPointer(method, template)}/responses/${response.status}`, response, what);
    },
    /** Checks an answer against a response of components/responses (405 belongs to no operation). */
    component(name: string, response: ApiResponse) {
      conforms(`/components/responses/${pointerSegment(name)}`, response, name);
    },
    /** Checks a request body as a client would send it against the documented request schema. */
    requestBody(method: string, template: string, body: unknown) {
      const pointer = `${operationPointer(method, template)}/requestBody`;
      const { pointer: resolved } = resolve(pointer);
      validate(`${resolved}/content/application~1json/schema`, body, `${method} ${template} request`);
    },
  };
}
