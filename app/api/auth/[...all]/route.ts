import { ApiError, errorResponse } from "@/lib/api/errors";
import { otherMethods } from "@/lib/api/route";
import { getAuth, SIGN_IN_PATH } from "@/lib/auth/auth";
import { localeFromAcceptLanguage } from "@/lib/i18n/translator";

// Better Auth's HTTP routes, limited to what the app uses: the sign-in form posts here (so Better Auth's
// per-IP limit applies), and sessions can be read and ended. Everything else Better Auth offers (sign-up,
// changing a user, deleting one) stays closed; the app does those through its own checked actions.
const OPEN_PATHS = new Set([SIGN_IN_PATH, "/sign-out", "/get-session"]);

async function handle(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname.replace(/^\/api\/auth/, "");
  if (!OPEN_PATHS.has(path)) {
    const locale = localeFromAcceptLanguage(request.headers.get("accept-language"));
    return errorResponse(new ApiError("not_found", "notFound"), locale);
  }
  return (await getAuth()).handler(request);
}

export const GET = handle;
export const POST = handle;
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
