import { maskHeaders } from "@/lib/http/secret-headers";
import { type Role, roleAllows } from "@/lib/workspaces/roles";
import type { InboxRequestView } from "./requests";

/** A stored request as JSON: the body as text where it is UTF-8, else base64, so no byte is lost. */
export type InboxRequestJson = Omit<InboxRequestView, "body" | "received_at"> & {
  received_at: string;
  body: string;
  body_encoding: "utf-8" | "base64";
  body_size: number;
};

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function inboxRequestJson(request: InboxRequestView): InboxRequestJson {
  const { body, received_at, ...rest } = request;
  let text: string | null = null;
  try {
    text = utf8.decode(body);
  } catch {
    text = null;
  }
  return {
    ...rest,
    received_at: received_at.toISOString(),
    body: text ?? body.toString("base64"),
    body_encoding: text === null ? "base64" : "utf-8",
    body_size: body.byteLength,
  };
}

/** A stored request as a page receives it: like the API's, with secret header values masked for viewers. */
export type BrowserInboxRequest = InboxRequestJson & { headers_masked: boolean };

export function browserInboxRequest(request: InboxRequestView, role: Role): BrowserInboxRequest {
  const json = inboxRequestJson(request);
  const masked = !roleAllows(role, "editor");
  return { ...json, headers: masked ? maskHeaders(json.headers) : json.headers, headers_masked: masked };
}
