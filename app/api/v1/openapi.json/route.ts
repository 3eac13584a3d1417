import { openApiDocument } from "@/lib/api/openapi";
import { apiRoute, methodNotAllowed } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Public: the document describes the API and holds no data.
export const GET = apiRoute(async () => Response.json(openApiDocument()), { auth: false });

export const POST = methodNotAllowed(["GET"]);
export const PUT = methodNotAllowed(["GET"]);
export const PATCH = methodNotAllowed(["GET"]);
export const DELETE = methodNotAllowed(["GET"]);
