import { describe, expect, it } from "vitest";
import { ApiError, errorResponse } from "@/lib/api/errors";
import { isJsonContentType, MAX_BODY_BYTES, readJson } from "@/lib/api/read-json";

const url = "http://hooksmith.test/api/v1/webhook";

function post(body: BodyInit, headers: Record<string, string> = {}) {
  const withType = { "content-type": "application/json", ...headers };
  return new Request(url, { method: "POST", body, headers: withType, duplex: "half" } as RequestInit);
}

function streamOf(
  size: number,
  chunkSize = 64 * 1024,
): { stream: ReadableStream<Uint8Array>; read: () => number } {
  let read = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (read >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(chunkSize, size - read)).fill(32);
      read += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, read: () => read };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("reading a JSON body", () => {
  it("parses JSON of any shape; the schema judges it", async () => {
    expect(await readJson(post('{"name":"Ünïcödé"}'))).toEqual({ name: "Ünïcödé" });
    expect(await readJson(post("[1,2]"))).toEqual([1, 2]);
    expect(await readJson(post("null"))).toBeNull();
  });

  it("rejects malformed JSON, an empty body and invalid UTF-8 as invalid_json", async () => {
    for (const body of ['{"name":', "", "name=x", new Uint8Array([0x7b, 0xff, 0x7d])]) {
      expect((await failure(readJson(post(body)))).code).toBe("invalid_json");
    }
    const withoutBody = new Request(url, { method: "POST", headers: { "content-type": "application/json" } });
    expect((await failure(readJson(withoutBody))).code).toBe("invalid_json");
  });

  it("reads only bodies declared as application/json, with any case and a UTF-8 charset", async () => {
    for (const type of [
      "application/json",
      "Application/JSON",
      "application/json; charset=utf-8",
      'application/json;charset="UTF-8"',
      "application/json; charset=utf8",
    ]) {
      expect(isJsonContentType(type), type).toBe(true);
      expect(await readJson(post('{"a":1}', { "content-type": type }))).toEqual({ a: 1 });
    }
  });

  it("refuses a form post, text, other JSON types and a missing Content-Type with 415", async () => {
    const json = '{"name":"x"}';
    for (const type of [
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/merge-patch+json",
      "application/jsonx",
      "application/json, text/plain",
      "application/json; charset=iso-8859-1",
      "",
    ]) {
      expect(isJsonContentType(type), type).toBe(false);
      const error = await failure(readJson(post(json, { "content-type": type })));
      expect(error.code, type).toBe("unsupported_media_type");
    }
    // No Content-Type at all, with a body and without one.
    const untyped = new Request(url, {
      method: "POST",
      body: new Blob([json]),
      duplex: "half",
    } as RequestInit);
    expect(untyped.headers.get("content-type")).toBeNull();
    expect((await failure(readJson(untyped))).code).toBe("unsupported_media_type");
    expect((await failure(readJson(new Request(url, { method: "POST" })))).code).toBe(
      "unsupported_media_type",
    );
  });

  it("accepts a body of exactly 1 MiB", async () => {
    const body = JSON.stringify("x".repeat(MAX_BODY_BYTES - 2));
    expect(await readJson(post(body))).toHaveLength(MAX_BODY_BYTES - 2);
  });

  it("rejects a declared length over 1 MiB without reading the body", async () => {
    const { stream, read } = streamOf(8 * MAX_BODY_BYTES);
    const request = post(stream, { "content-length": String(8 * MAX_BODY_BYTES) });
    expect((await failure(readJson(request))).code).toBe("payload_too_large");
    // A stream fills its queue with one chunk before anyone reads.
    expect(read()).toBeLessThanOrEqual(64 * 1024);
  });

  it("stops buffering a streamed body as soon as it passes 1 MiB", async () => {
    const { stream } = streamOf(8 * MAX_BODY_BYTES);
    const error = await failure(readJson(post(stream)));
    expect(error.code).toBe("payload_too_large");
  });
});

describe("the error envelope", () => {
  it("carries code, localized message and issues, with the matching status", async () => {
    const issues = [{ path: "header.0.key", message: "…" }];
    const english = errorResponse(new ApiError("validation_failed", "validationFailed", { issues }), "en");
    expect(english.status).toBe(422);
    expect(await english.json()).toEqual({
      error: {
        code: "validation_failed",
        message: expect.stringMatching(/^The webhook is not valid/),
        issues,
      },
    });
    const german = errorResponse(
      new ApiError("payload_too_large", "payloadTooLarge", { values: { max: "1 MiB" } }),
      "de",
    );
    expect(german.status).toBe(413);
    expect(await german.json()).toEqual({
      error: { code: "payload_too_large", message: "Der Body der Anfrage darf höchstens 1 MiB groß sein." },
    });
    const unsupported = errorResponse(new ApiError("unsupported_media_type", "unsupportedMediaType"), "de");
    expect(unsupported.status).toBe(415);
    expect(((await unsupported.json()) as { error: { message: string } }).error.message).toMatch(
      /^Der Body der Anfrage muss JSON sein/,
    );
  });
});
