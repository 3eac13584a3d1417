import "server-only";
import type { Locale } from "@/lib/i18n/routing";
import { localeFromAcceptLanguage } from "@/lib/i18n/translator";
import { isAuthorized } from "./auth";
import { ApiError, errorResponse } from "./errors";

type Params = Record<string, string | string[] | undefined>;

export type ApiContext<P extends Params> = { request: Request; params: P; locale: Locale };

// `internal`: the host platform's event routes, with their own token.
type Options = { auth?: boolean | "internal" };

/**
 * Wraps a route handler: checks the token, answers in the caller's language, and turns every failure
 * into the error envelope. Unexpected errors are logged here and never reach the client with a stack.
 */
export function apiRoute<P extends Params = Record<string, string>>(
  handler: (context: ApiContext<P>) => Promise<Response>,
  { auth = true }: Options = {},
) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    let response: Response;
    try {
      if (auth && !(await isAuthorized(request, auth === "internal" ? "internal" : "api"))) {
        const messageKey = auth === "internal" ? "unauthorizedInternal" : "unauthorized";
        throw new ApiError("unauthorized", messageKey, { headers: { "WWW-Authenticate": "Bearer" } });
      }
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

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

// Methods a route does not serve still answer with the envelope (Next's own 405 has an empty body).
export function methodNotAllowed(allowed: readonly Method[]) {
  return apiRoute(
    async ({ request }) => {
      const list = allowed.join(", ");
      throw new ApiError("method_not_allowed", "methodNotAllowed", {
        values: { method: request.method, allowed: list },
        headers: { Allow: list },
      });
    },
    { auth: false },
  );
}
