import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signatureHeaders } from "@/lib/dispatch/sign";
import { checkSignature, type SignatureVerdict } from "@/lib/inbox/signature";
import { generateSigningSecret } from "@/lib/webhooks/secret";

// The inbox's check against the `standardwebhooks` library, the receiver it stands in for: every case is
// run through both, and they must agree on pass or fail and on why.

const NOW = new Date("2026-12-01T12:00:00.000Z");
const current = generateSigningSecret();
const previous = generateSigningSecret();
const other = generateSigningSecret();
const body = JSON.stringify({ element_data: { id: "a1", name: "Jürgen 🎉" }, seats: 2 });
const id = "msg_2f3a";

type Headers = [string, string][];
const signed = (secret: string, content: string, at: Date = NOW, msgId = id): Headers => {
  const signature = new Webhook(secret).sign(msgId, at, content);
  return [
    ["webhook-id", msgId],
    ["webhook-timestamp", String(Math.floor(at.getTime() / 1000))],
    ["webhook-signature", signature],
  ];
};

/** What the library says about the same request, mapped to the inbox's words. */
function libraryVerdict(secret: string, content: string, headers: Headers): SignatureVerdict["result"] {
  try {
    new Webhook(secret).verify(content, Object.fromEntries(headers), { jsonParse: false });
    return "valid";
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error;
    if (error.message === "Missing required headers") return "missing_headers";
    if (error.message.startsWith("Message timestamp too")) return "stale";
    return "invalid";
  }
}

const check = (headers: Headers, content: string | Buffer, secrets = [current, previous]) =>
  checkSignature({ headers, content, secrets, now: NOW });

describe("checkSignature, held to the standardwebhooks library", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it("says valid for the current secret and for a previous one still valid, and which matched", () => {
    expect(check(signed(current, body), body)).toEqual({ result: "valid", secret: 0 });
    expect(check(signed(previous, body), body)).toEqual({ result: "valid", secret: 1 });
    expect(libraryVerdict(current, body, signed(current, body))).toBe("valid");
    expect(libraryVerdict(previous, body, signed(previous, body))).toBe("valid");
  });

  it("verifies what the dispatcher signs, with both secrets after a rotation", () => {
    const headers = Object.entries(
      signatureHeaders({ id, timestamp: NOW, body, secrets: [current, previous] }),
    ) as Headers;
    expect(check(headers, body, [current])).toEqual({ result: "valid", secret: 0 });
    expect(check(headers, body, [previous])).toEqual({ result: "valid", secret: 0 });
    expect(check(headers, body, [other])).toEqual({ result: "invalid" });
  });

  it("says invalid for a changed body, another secret, a changed id and a malformed timestamp", () => {
    const cases: [Headers, string][] = [
      [signed(current, body), `${body} `],
      [signed(other, body), body],
      [signed(current, body).map(([n, v]) => [n, n === "webhook-id" ? "msg_other" : v]), body],
      [signed(current, body).map(([n, v]) => [n, n === "webhook-timestamp" ? "soon" : v]), body],
      [
        signed(current, body).map(([n, v]) => [n, n === "webhook-signature" ? v.replace("v1,", "v2,") : v]),
        body,
      ],
    ];
    for (const [headers, content] of cases) {
      expect(check(headers, content)).toEqual({ result: "invalid" });
      expect(libraryVerdict(current, content, headers)).toBe("invalid");
    }
  });

  it("says stale outside the 5-minute tolerance either way, and valid at its edge", () => {
    const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
    expect(check(signed(current, body, at(-301)), body)).toEqual({ result: "stale", direction: "too_old" });
    expect(check(signed(current, body, at(301)), body)).toEqual({ result: "stale", direction: "too_new" });
    expect(check(signed(current, body, at(-300)), body)).toMatchObject({ result: "valid" });
    expect(check(signed(current, body, at(300)), body)).toMatchObject({ result: "valid" });
    for (const seconds of [-301, 301, -300, 300]) {
      const headers = signed(current, body, at(seconds));
      expect(libraryVerdict(current, body, headers)).toBe(check(headers, body).result);
    }
  });

  it("says which headers are missing; an empty one counts as missing", () => {
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const without = signed(current, body).filter(([n]) => n !== name);
      expect(check(without, body)).toEqual({ result: "missing_headers", missing: [name] });
      expect(libraryVerdict(current, body, without)).toBe("missing_headers");
      const empty = signed(current, body).map(([n, v]): [string, string] => [n, n === name ? "" : v]);
      expect(check(empty, body)).toMatchObject({ result: "missing_headers" });
      expect(libraryVerdict(current, body, empty)).toBe("missing_headers");
    }
    expect(check([], body)).toEqual({
      result: "missing_headers",
      missing: ["webhook-id", "webhook-timestamp", "webhook-signature"],
    });
  });

  it("reads header names in any case and finds the v1 entry among several signatures", () => {
    const [, , [, signature = ""] = []] = signed(current, body);
    const headers: Headers = [
      ["Webhook-Id", id],
      ["WEBHOOK-TIMESTAMP", String(Math.floor(NOW.getTime() / 1000))],
      ["Webhook-Signature", `v2,abc v1,${Buffer.alloc(32).toString("base64")} ${signature}`],
    ];
    expect(check(headers, body)).toEqual({ result: "valid", secret: 0 });
    expect(libraryVerdict(current, body, headers)).toBe("valid");
  });

  it("checks the content the caller names: the raw body bytes, or a GET's exact query string", () => {
    expect(check(signed(current, body), Buffer.from(body, "utf8"))).toMatchObject({ result: "valid" });
    const query = "element_data=%7B%22id%22%3A%22a1%22%7D&seats=2";
    const headers = signed(current, query);
    expect(check(headers, query)).toMatchObject({ result: "valid" });
    expect(check(headers, query.replace("seats=2", "seats=3"))).toEqual({ result: "invalid" });
    expect(check(headers, "")).toEqual({ result: "invalid" });
    expect(libraryVerdict(current, query.replace("seats=2", "seats=3"), headers)).toBe("invalid");
  });

  it("agrees with the library on random tamperings", () => {
    const mutations: ((h: Headers, c: string) => [Headers, string])[] = [
      (h, c) => [h, c],
      (h, c) => [h, c.slice(1)],
      (h, c) => [h.filter(([n]) => n !== "webhook-id"), c],
      (h, c) => [h.map(([n, v]) => [n, n === "webhook-timestamp" ? String(Number(v) - 400) : v]), c],
      (h, c) => [h.map(([n, v]) => [n, n === "webhook-timestamp" ? `${v}abc` : v]), c],
      (h, c) => [h.map(([n, v]) => [n, n === "webhook-signature" ? `${v}x` : v]), c],
      (h, c) => [h.map(([n, v]) => [n.toUpperCase(), v]), c],
    ];
    for (let round = 0; round < 60; round += 1) {
      const content = JSON.stringify({ round, value: Math.random().toString(36) });
      const [headers, sent] = mutations[round % mutations.length]?.(signed(current, content), content) ?? [
        [],
        "",
      ];
      expect(check(headers, sent, [current]).result, `round ${round}`).toBe(
        libraryVerdict(current, sent, headers),
      );
    }
  });
});
