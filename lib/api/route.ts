import "server-only";
import { getDb } from "@/lib/db";
import type { Locale } from "@/lib/i18n/routing";
import { localeFromAcceptLanguage } from "@/lib/i18n/translator";
import { authenticate, mayAccess, type Principal, type Realm } from "./auth";
import { ApiError, errorResponse } from "./errors";
import { bucketOf, ratePerSecond, takeRequest } from "./rate-limit";

type Params = Record<string, string | string[] | undefined>;

type PublicContext<P extends Params> = { request: Request; params: P; locale: Locale };
export type ApiContext<P extends Params> = PublicContext<P> & { principal: Principal };

type RouteHandler<P extends Params> = (
  request: Request,
  context: { params: Promise<P> },
) => Promise<Response>;

/**
 * Answers in the caller's language and turns every failure into the error envelope. Unexpected errors
 * are logged here and never reach the client with a stack.
 */
export function publicApiRoute<P extends Params = Record<string, string>>(
  handler: (context: PublicContext<P>) => Promise<Response>,
): RouteHandler<P> {
  return async (request, context) => {
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    let response: Response;
    try {
      response = await handler({ request, params: await context.params, locale });
    } catch (error) {
      if (!(error instanceof ApiError)) console.error("[hooksmith] API request failed:", error);
      response = errorResponse(
        error instanceof ApiError ? error : new ApiError("internal_error", "internalError"),
        locale,
      );
    }
    // Answers depend on the token and the language, and hold live data: never cache them.
    response.headers.set("Cache-Control", "no-store");
    response.headers.set("Vary", "Authorization, Accept-Language");
    return response;
  };
}

/**
 * A route for callers with a key: finds who is calling (a workspace key or an instance token), holds it to
 * its rate limit, and checks that its scope allows the method. `realm` "internal" is the host platform's
 * event routes, with their own keys and token.
 */
export function apiRoute<P extends Params = Record<string, string>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
  { realm = "api" }: { realm?: Realm } = {},
): RouteHandler<P> {
  return publicApiRoute<P>(async (context) => {
    const principal = await authenticate(context.request, realm);
    if (!principal) {
      const messageKey = realm === "internal" ? "unauthorizedInternal" : "unauthorized";
      throw new ApiError("unauthorized", messageKey, { headers: { "WWW-Authenticate": "Bearer" } });
    }
    const limit = await takeRequest(await getDb(), bucketOf(principal, realm), ratePerSecond(realm));
    if (!limit.ok) {
      throw new ApiError("rate_limited", "rateLimited", {
        values: { seconds: limit.retryAfterSeconds },
        headers: { "Retry-After": String(limit.retryAfterSeconds) },
      });
    }
    if (!mayAccess(principal, context.request.method)) {
      throw new ApiError("forbidden", "forbiddenScope", { values: { scope: principal.scope } });
    }
    return handler({ ...context, principal });
  });
}

const routeMethods = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof routeMethods)[number];

// Methods a route does not serve still answer with the envelope (Next's own 405 has an empty body),
// whoever asks: there is nothing behind them to protect.
export function methodNotAllowed(allowed: readonly Method[]) {
  return publicApiRoute<Params>(async ({ request }) => {
    const list = allowed.join(", ");
    throw new ApiError("method_not_allowed", "methodNotAllowed", {
      values: { method: request.method, allowed: list },
      headers: { Allow: list },
    });
  });
}

/**
 * Handlers for every method a route does not serve (`export const { PUT, OPTIONS } = otherMethods(["GET"])`):
 * 405 with `Allow` and the envelope, and OPTIONS answering with the methods that really are served. Next's
 * own OPTIONS would list the refusing handlers as allowed. HEAD follows GET, as Next derives it.
 */
export function otherMethods<Allowed extends Method>(allowed: readonly Allowed[]) {
  const refuse = methodNotAllowed(allowed);
  const handlers = Object.fromEntries(
    routeMethods.filter((method) => !(allowed as readonly Method[]).includes(method)).map((m) => [m, refuse]),
  ) as Record<Exclude<Method, Allowed>, typeof refuse>;
  const OPTIONS = publicApiRoute<Params>(async () => {
    const list = [...allowed, ...(allowed.some((method) => method === "GET") ? ["HEAD"] : []), "OPTIONS"];
    return new Response(null, { status: 204, headers: { Allow: list.join(", ") } });
  });
  return { ...handlers, OPTIONS };
}

// Every address under /api that no route serves answers with the error envelope, never an HTML 404 page.
export const notFound = publicApiRoute<Params>(async () => {
  throw new ApiError("not_found", "notFound");
});
