import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getApiToken, getInternalToken } from "./token";

// `Authorization: Bearer <token>`, or the bare token as Add to Calendar PRO's API accepts it.
export function tokenFromHeader(header: string | null): string | null {
  const value = header?.trim() ?? "";
  const token = /^bearer(\s|$)/i.test(value) ? value.slice(6).trim() : value;
  return token === "" ? null : token;
}

// Comparing SHA-256 digests keeps the comparison constant-time and the token's length secret.
export function tokensMatch(given: string, expected: string): boolean {
  const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export async function isAuthorized(request: Request, realm: "api" | "internal" = "api"): Promise<boolean> {
  const given = tokenFromHeader(request.headers.get("authorization"));
  const expected = realm === "internal" ? await getInternalToken() : await getApiToken();
  return given !== null && tokensMatch(given, expected);
}
