import { renderTemplate, renderValue } from "@/lib/templates/render";
import { VERSION } from "@/lib/version";
import type { WebhookValues } from "./schemas";

export const USER_AGENT = `Hooksmith/${VERSION}`;

export type OutgoingRequest = {
  method: WebhookValues["method"];
  url: string;
  headers: [string, string][];
  // null for GET: its data travels in the query string.
  body: string | null;
};

export type BuildResult = { ok: true; request: OutgoingRequest } | { ok: false; error: string };

type RequestTemplate = Pick<WebhookValues, "method" | "payload_url" | "content_type" | "header" | "body">;

const LINE_BREAK = /[\r\n]/;
// Characters a header cannot carry (anything but visible ASCII, space and tab; see schemas.ts).
const NOT_HEADER_TEXT = /[^\t\x20-\x7e]/gu;

/**
 * A header value as it can be sent. Literal text was checked at save time, so only what variables rendered
 * can hold other characters (a name such as "Jürgen"): they are percent-encoded as UTF-8, as
 * encodeURIComponent writes them, so the delivery goes out with nothing lost and no byte that breaks the
 * header. Failing every delivery whose data holds an umlaut would be worse; stripping would lose data.
 * Line breaks stay a failure (see buildRequest): in a header they are an injection attempt, not a name.
 */
export function toHeaderText(value: string): string {
  return value.replace(NOT_HEADER_TEXT, (character) => encodeURIComponent(character));
}

// Form fields and query parameters are text: objects and arrays go as JSON, the rest as their string form.
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || value === undefined) return "";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

/**
 * The exact request a webhook sends for one event (without the signature headers, which are added over the
 * final bytes when it is sent). Pure, so the editor's preview and the dispatch module share it.
 * `elementData` is what goes under `element_data` (only `{ id }` for a delete).
 */
export function buildRequest(webhook: RequestTemplate, elementData: Record<string, unknown>): BuildResult {
  try {
    const fields: [string, unknown][] = webhook.body.map((row) => [
      row.key,
      renderValue(row.value, elementData),
    ]);
    const headers: [string, string][] = [];
    for (const row of webhook.header) {
      const value = renderTemplate(row.value, elementData);
      if (LINE_BREAK.test(value))
        return { ok: false, error: `header "${row.key}" would contain a line break` };
      headers.push([row.key, toHeaderText(value)]);
    }

    if (webhook.method === "GET") {
      const url = new URL(webhook.payload_url);
      url.searchParams.append("element_data", JSON.stringify(elementData));
      for (const [key, value] of fields) url.searchParams.append(key, asText(value));
      headers.push(["user-agent", USER_AGENT]);
      return { ok: true, request: { method: "GET", url: url.toString(), headers, body: null } };
    }

    let body: string;
    if (webhook.content_type === "application/json") {
      body = JSON.stringify(Object.fromEntries([["element_data", elementData], ...fields]));
    } else {
      const form = new URLSearchParams();
      form.append("element_data", JSON.stringify(elementData));
      for (const [key, value] of fields) form.append(key, asText(value));
      body = form.toString();
    }
    headers.push(["content-type", webhook.content_type], ["user-agent", USER_AGENT]);
    return { ok: true, request: { method: webhook.method, url: webhook.payload_url, headers, body } };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
