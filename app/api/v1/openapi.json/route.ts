import { openApiDocument } from "@/lib/api/openapi";
import { methodNotAllowed, publicApiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Public: the document describes the API and holds no data.
export const GET = publicApiRoute(async () => Response.json(openApiDocument()));

export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
