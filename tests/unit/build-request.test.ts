import { describe, expect, it } from "vitest";
import { VERSION } from "@/lib/version";
import { buildRequest, USER_AGENT } from "@/lib/webhooks/build-request";
import packageJson from "@/package.json";

const data = { id: "a1", email: "lena@example.de", amount: 2, payload: { company: "Nordwind" } };
const base = {
  method: "POST" as const,
  payload_url: "https://crm.example.com/hook?source=hooksmith",
  content_type: "application/json" as const,
  header: [{ key: "Authorization", value: "Bearer {{id}}" }],
  body: [
    { key: "user-email", value: "{{email}}" },
    { key: "seats", value: "{{amount}}" },
  ],
};

function ok(result: ReturnType<typeof buildRequest>) {
  if (!result.ok) throw new Error(result.error);
  return result.request;
}

describe("buildRequest", () => {
  it("names the version package.json states in the User-Agent (lib/version.ts keeps it, so bump both)", () => {
    expect(VERSION).toBe(packageJson.version);
    expect(USER_AGENT).toBe(`Hooksmith/${packageJson.version}`);
  });

  it("sends element_data with the body fields beside it as JSON", () => {
    const request = ok(buildRequest(base, data));
    expect(JSON.parse(request.body ?? "")).toEqual({
      element_data: data,
      "user-email": "lena@example.de",
      seats: 2,
    });
    expect(request.headers).toEqual([
      ["Authorization", "Bearer a1"],
      ["content-type", "application/json"],
      ["user-agent", USER_AGENT],
    ]);
  });

  it("encodes element_data as JSON text in a form body", () => {
    const request = ok(buildRequest({ ...base, content_type: "application/x-www-form-urlencoded" }, data));
    const form = new URLSearchParams(request.body ?? "");
    expect(JSON.parse(form.get("element_data") ?? "")).toEqual(data);
    expect(form.get("seats")).toBe("2");
  });

  it("puts everything into the query string for GET, keeping the URL's own query", () => {
    const request = ok(buildRequest({ ...base, method: "GET" }, data));
    expect(request.body).toBeNull();
    const url = new URL(request.url);
    expect(url.searchParams.get("source")).toBe("hooksmith");
    expect(JSON.parse(url.searchParams.get("element_data") ?? "")).toEqual(data);
    expect(url.searchParams.get("user-email")).toBe("lena@example.de");
    expect(request.headers.map(([name]) => name)).not.toContain("content-type");
  });

  it("refuses a header value that renders to a line break", () => {
    const result = buildRequest(
      { ...base, header: [{ key: "X-Note", value: "{{email}}" }] },
      { email: "a\r\nb" },
    );
    expect(result.ok).toBe(false);
  });

  it("percent-encodes what a variable renders into a header that HTTP cannot carry, and sends it", () => {
    const request = ok(
      buildRequest(
        { ...base, header: [{ key: "X-Name", value: "Name: {{name}}" }] },
        { ...data, name: "Jürgen ☃\u0001\ttab" },
      ),
    );
    expect(request.headers[0]).toEqual(["X-Name", "Name: J%C3%BCrgen %E2%98%83%01\ttab"]);
    // What Node's HTTP client accepts as a header value (it throws "Invalid character in header content").
    expect(request.headers.every(([, value]) => /^[\t\x20-\x7e]*$/.test(value))).toBe(true);
  });
});
