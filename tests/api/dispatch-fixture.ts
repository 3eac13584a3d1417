// Shared by the dispatch API tests: the app's settings, a client for webhooks and internal events,
// and checks of what a receiver got.
import { Webhook as SignatureVerifier } from "standardwebhooks";
import { expect } from "vitest";
import { connectDatabase, type Database } from "@/db";
import packageJson from "@/package.json";
import type { ReceivedRequest } from "../helpers/receiver";
import { type ApiResponse, apiClient } from "./client";

export const API_TOKEN = "dispatch-api-token-5d1c9e7a0b";
export const INTERNAL_TOKEN = "dispatch-internal-token-8b2f4a61c3";
export const USER_AGENT = `Hooksmith/${packageJson.version}`;
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Generous for a loaded two-core machine; a delivery to loopback normally arrives within a poll interval.
export const ARRIVAL_TIMEOUT_MS = 15_000;

/** The app's environment for delivery tests: loopback targets allowed, fast polling, no jitter. */
export function dispatchEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    API_TOKEN,
    INTERNAL_TOKEN,
    ALLOW_PRIVATE_TARGETS: "true",
    DISPATCH_POLL_INTERVAL_MS: "100",
    DISPATCH_JITTER: "0",
    ...extra,
  };
}

const defaultKeys = { api: API_TOKEN, event: INTERNAL_TOKEN };

export type StoredWebhook = {
  id: string;
  active: boolean;
  method: string;
  payload_url: string;
  secret: string;
  disabled_reason: string | null;
  last_execution: string | null;
};

export type Accepted = { event_id: string; deliveries: number };

export type EventRequest = {
  /** The JSON body, or a string sent as it is. */
  body: unknown;
  /** Below /api/internal/events, e.g. "/rsvp_answer/create?prokey=…". */
  path?: string;
  /** The internal token by default; null sends none. */
  token?: string | null;
  headers?: Record<string, string>;
};

/**
 * A client of the app's webhook API and event routes; the instance tokens by default, or a workspace's
 * API and event keys (the shared app's files). `eventsUrl`: where events go, when not to the app (the
 * intake process).
 */
export function dispatchClient(
  baseUrl: string,
  keys: { api: string; event: string } = defaultKeys,
  eventsUrl = baseUrl,
) {
  const api = apiClient(baseUrl, keys.api);
  const created = new Set<string>();

  async function postEvent(request: EventRequest): Promise<ApiResponse> {
    const token = request.token === undefined ? keys.event : request.token;
    const headers: Record<string, string> = { "content-type": "application/json", ...request.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    const body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    const response = await fetch(`${eventsUrl}/api/internal/events${request.path ?? ""}`, {
      method: "POST",
      headers,
      body,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null, text };
  }

  return {
    api,
    postEvent,
    async createWebhook(input: Record<string, unknown>): Promise<StoredWebhook> {
      const response = await api.post<StoredWebhook>("/webhook", { name: "Dispatch test", ...input });
      expect(response.status, response.text).toBe(201);
      created.add(response.body.id);
      return response.body;
    },
    async getWebhook(id: string): Promise<StoredWebhook> {
      const response = await api.get<StoredWebhook>(`/webhook/${id}`);
      expect(response.status, response.text).toBe(200);
      return response.body;
    },
    /** Deletes every webhook this client created, so the next test's events match only its own. */
    async removeWebhooks() {
      for (const id of created) await api.delete(`/webhook/${id}`);
      created.clear();
    },
    /** Posts an event that must be accepted; returns the 202 body. */
    async sendEvent(request: EventRequest | Record<string, unknown>): Promise<Accepted> {
      const eventRequest = "body" in request ? (request as EventRequest) : { body: request };
      const response = await postEvent(eventRequest);
      expect(response.status, response.text).toBe(202);
      expect(response.body).toEqual({
        event_id: expect.stringMatching(UUID),
        deliveries: expect.any(Number),
      });
      return response.body as Accepted;
    },
  };
}

export type DispatchClient = ReturnType<typeof dispatchClient>;

/** The request's headers as the `standardwebhooks` library takes them. */
export function plainHeaders(request: ReceivedRequest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.join(", ") : (value ?? ""),
    ]),
  );
}

/**
 * Verifies the Standard Webhooks signature exactly as a receiver would: the public library, over the bytes
 * that arrived (an empty string for a request without a body). Throws when it does not verify.
 */
export function verifySignature(secret: string, request: ReceivedRequest): void {
  new SignatureVerifier(secret).verify(signedPart(request), plainHeaders(request), { jsonParse: false });
}

/** What a receiver verifies: the raw body, or for GET the raw query string as it arrived (no "?"). */
export function signedPart(request: ReceivedRequest): string | Buffer {
  if (request.method !== "GET") return request.body;
  const query = request.url.indexOf("?");
  return query === -1 ? "" : request.url.slice(query + 1);
}

/** The path of a received request, without its query. */
export function pathOf(request: ReceivedRequest): string {
  return new URL(request.url, "http://receiver").pathname;
}

/** The query of a received request as ordered pairs. */
export function queryOf(request: ReceivedRequest): [string, string][] {
  return [...new URL(request.url, "http://receiver").searchParams.entries()];
}

/** Opens an app's storage from the test: PostgreSQL any time, the embedded database only once the app stopped. */
export async function openStorage(storage: { dataDir: string; databaseUrl: string | null }) {
  return connectDatabase(
    storage.databaseUrl ? { databaseUrl: storage.databaseUrl } : { dataDir: storage.dataDir },
  );
}

/**
 * Runs `check` against the app's PostgreSQL database, or returns null on the embedded database
 * (the app's process holds that one alone).
 */
export async function withAppDatabase<T>(
  databaseUrl: string | null,
  check: (db: Database) => Promise<T>,
): Promise<T | null> {
  if (!databaseUrl) return null;
  const connection = await connectDatabase({ databaseUrl });
  try {
    return await check(connection.db);
  } finally {
    await connection.close();
  }
}

/** Resolves once `condition` holds, polling; rejects with `message` after `timeoutMs`. */
export async function eventually<T>(
  condition: () => Promise<T | null | undefined | false>,
  message: string,
  timeoutMs = ARRIVAL_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
