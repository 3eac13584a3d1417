import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { signatureHeaders, signedContent } from "@/lib/dispatch/sign";
import { generateSigningSecret, isSigningSecret } from "@/lib/webhooks/secret";

const body = JSON.stringify({ element_data: { id: "a1", name: "Jürgen 🎉" }, seats: 2 });

describe("generateSigningSecret", () => {
  it("makes a whsec_ secret of 32 random bytes that standardwebhooks accepts", () => {
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);
    expect(isSigningSecret(secret)).toBe(true);
    expect(() => new Webhook(secret)).not.toThrow();
    expect(generateSigningSecret()).not.toBe(secret);
  });

  it("recognises malformed secrets", () => {
    expect(isSigningSecret("whsec_")).toBe(false);
    expect(isSigningSecret(`whsec_${Buffer.alloc(16).toString("base64")}`)).toBe(false);
    expect(isSigningSecret(`whsec_${Buffer.alloc(24).toString("base64")}`)).toBe(true);
    expect(isSigningSecret(Buffer.alloc(24).toString("base64"))).toBe(false);
    expect(isSigningSecret("whsec_not base64!")).toBe(false);
  });
});

describe("signatureHeaders", () => {
  const id = "0b6f7c1e-2d3a-4c5b-8e9f-1a2b3c4d5e6f";

  it("produces headers that standardwebhooks verifies", () => {
    const secret = generateSigningSecret();
    const timestamp = new Date();
    const headers = signatureHeaders({ id, timestamp, body, secrets: [secret] });
    expect(headers["webhook-id"]).toBe(id);
    expect(headers["webhook-timestamp"]).toBe(String(Math.floor(timestamp.getTime() / 1000)));
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(secret).verify(Buffer.from(body), headers)).not.toThrow();
  });

  it("signs with every secret during a rotation, so the old and the new one both verify", () => {
    const [older, newer] = [generateSigningSecret(), generateSigningSecret()];
    const headers = signatureHeaders({ id, timestamp: new Date(), body, secrets: [older, newer] });
    expect(headers["webhook-signature"].split(" ")).toHaveLength(2);
    expect(() => new Webhook(older).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(newer).verify(body, headers)).not.toThrow();
    expect(() => new Webhook(generateSigningSecret()).verify(body, headers)).toThrow(
      WebhookVerificationError,
    );
  });

  it("fails verification when one byte of the body changes", () => {
    const secret = generateSigningSecret();
    const headers = signatureHeaders({ id, timestamp: new Date(), body, secrets: [secret] });
    const changed = Buffer.from(body);
    changed[changed.length - 2] = "3".charCodeAt(0);
    expect(changed.toString()).not.toBe(body);
    expect(() => new Webhook(secret).verify(changed.toString(), headers)).toThrow(WebhookVerificationError);
  });

  it("fails verification for another id or timestamp", () => {
    const secret = generateSigningSecret();
    const timestamp = new Date();
    const headers = signatureHeaders({ id, timestamp, body, secrets: [secret] });
    const verifier = new Webhook(secret);
    expect(() => verifier.verify(body, { ...headers, "webhook-id": "other" })).toThrow(
      WebhookVerificationError,
    );
    const earlier = String(Number(headers["webhook-timestamp"]) - 1);
    expect(() => verifier.verify(body, { ...headers, "webhook-timestamp": earlier })).toThrow(
      WebhookVerificationError,
    );
  });

  it("signs a GET's exact query string, so a changed query string fails verification", () => {
    const secret = generateSigningSecret();
    const url = "https://receiver.example/hook?source=atc&tag=a%20b&element_data=%7B%22id%22%3A1%7D";
    const content = signedContent({ method: "GET", url, body: null });
    expect(content).toBe("source=atc&tag=a%20b&element_data=%7B%22id%22%3A1%7D");
    const headers = signatureHeaders({ id, timestamp: new Date(), body: content, secrets: [secret] });
    const verifier = new Webhook(secret);
    const raw = { jsonParse: false };
    expect(() => verifier.verify(content, headers, raw)).not.toThrow();
    expect(() => verifier.verify(content.replace("a%20b", "a%20c"), headers, raw)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verifier.verify("", headers, raw)).toThrow(WebhookVerificationError);
  });

  it("signs the exact body of any other method, and the empty string when there is none", () => {
    expect(signedContent({ method: "POST", url: "https://r.example/?a=1", body: '{"a":1}' })).toBe('{"a":1}');
    expect(signedContent({ method: "DELETE", url: "https://r.example/?a=1", body: null })).toBe("");
    expect(signedContent({ method: "GET", url: "https://r.example/hook", body: null })).toBe("");
  });

  it("refuses to sign without a secret", () => {
    expect(() => signatureHeaders({ id, timestamp: new Date(), body, secrets: [] })).toThrow();
  });
});
