import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptValue, isEncrypted } from "@/lib/crypto/envelope";
import { encryptionKey } from "@/lib/crypto/key";
import { maskSentUrl, maskUrl } from "@/lib/crypto/url-secrets";
import { attemptDelivery } from "@/lib/dispatch/attempt";
import type { ClaimedDelivery } from "@/lib/dispatch/claim";
import { defaultDispatchConfig } from "@/lib/dispatch/config";
import { maskResponseHeaders } from "@/lib/dispatch/mask";
import { generateSigningSecret } from "@/lib/webhooks/secret";
import { type Receiver, startReceiver } from "../helpers/receiver";

describe("masking credentials in URLs", () => {
  it("masks the password and every query value, keeping names", () => {
    expect(maskUrl("https://user:pass@crm.example.com/path?token=abc&x=&flag#top")).toBe(
      "https://user:••••@crm.example.com/path?token=••••&x=&••••#top",
    );
    expect(maskUrl("https://sk_live_123@crm.example.com/")).toBe("https://••••@crm.example.com/");
    expect(maskUrl("https://crm.example.com/hooks/rsvp")).toBe("https://crm.example.com/hooks/rsvp");
    expect(maskUrl("not a url")).toBe("••••");
    // Masking a masked URL changes nothing.
    const masked = maskUrl("https://user:pass@crm.example.com/?token=abc");
    expect(maskUrl(masked)).toBe(masked);
  });

  it("keeps what Hooksmith appended for GET readable in the log, unless the payload URL has that name", () => {
    const webhook = {
      payload_url: "https://h.example/x?token=abc&seats=1",
      body: [{ key: "seats" }, { key: "mail" }],
    };
    expect(
      maskSentUrl("https://h.example/x?token=abc&seats=1&element_data=%7B%7D&seats=2&mail=a%40b", webhook),
    ).toBe("https://h.example/x?token=••••&seats=••••&element_data=%7B%7D&seats=••••&mail=a%40b");
  });
});

describe("the delivery log of a webhook with credentials in its URL", () => {
  let receiver: Receiver;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });

  it("sends the credentials, logs them masked, stores the request URL encrypted and masks Set-Cookie", async () => {
    // A 503: the delivery will be tried again, so it keeps its request (one that succeeded keeps none).
    receiver.respondWith({
      status: 503,
      headers: { "Set-Cookie": "session=s3cr3t-cookie-value; Path=/; HttpOnly", "X-Trace": "t-1" },
      body: "ok",
    });
    const url = `http://crm:pa55word@127.0.0.1:${receiver.port}/hook?token=tok-5521`;
    const claimed: ClaimedDelivery = {
      delivery: { id: "00000000-0000-4000-8000-00000000d001", attempts: 0, request: null },
      webhook: {
        id: "00000000-0000-4000-8000-00000000e001",
        method: "POST",
        payload_url: url,
        content_type: "application/json",
        header: [],
        body: [],
        secret: generateSigningSecret(),
        previous_secret: null,
        previous_secret_expires_at: null,
        disabled_reason: null,
      },
      data: { id: "a1" },
    };
    const outcome = await attemptDelivery(claimed, {
      ...defaultDispatchConfig,
      allowedTargetHosts: ["127.0.0.1"],
    });
    expect(outcome.status).toBe("pending");
    const [received] = await receiver.waitForRequests(1);
    expect(received?.url).toBe("/hook?token=tok-5521");
    expect(received?.headers.authorization).toBe(`Basic ${Buffer.from("crm:pa55word").toString("base64")}`);

    const logged = JSON.stringify(outcome.log);
    expect(logged).not.toContain("pa55word");
    expect(logged).not.toContain("tok-5521");
    expect(logged).not.toContain("s3cr3t-cookie-value");
    expect(outcome.log?.request.url).toBe(`http://crm:••••@127.0.0.1:${receiver.port}/hook?token=••••`);
    expect(outcome.log?.response_headers).toMatchObject({
      "Set-Cookie": "session=••••; Path=/; HttpOnly",
      "X-Trace": "t-1",
    });
    const storedUrl = outcome.request?.url ?? "";
    expect(isEncrypted(storedUrl)).toBe(true);
    expect(decryptValue(storedUrl, encryptionKey())).toBe(url);
  });

  it("masks cookies and credential-like response headers", () => {
    expect(
      maskResponseHeaders([
        ["Set-Cookie", "id=abc"],
        ["set-cookie2", "x"],
        ["X-Api-Key", "k"],
        ["Content-Type", "text/plain"],
      ]),
    ).toEqual([
      ["Set-Cookie", "id=••••"],
      ["set-cookie2", "••••"],
      ["X-Api-Key", "••••"],
      ["Content-Type", "text/plain"],
    ]);
  });
});
