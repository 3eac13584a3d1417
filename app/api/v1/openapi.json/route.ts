import { openApiDocument } from "@/lib/api/openapi";
import { otherMethods, publicApiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Public: the document describes the API and holds no data.
export const GET = publicApiRoute(async () => Response.json(openApiDocument()));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
