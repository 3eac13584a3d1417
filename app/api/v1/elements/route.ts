import { describeCatalog } from "@/lib/api/catalog";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Names and descriptions follow Accept-Language (en, de).
export const GET = apiRoute(async ({ locale }) => Response.json(describeCatalog(locale)));

export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
