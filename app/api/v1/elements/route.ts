import { describeCatalog } from "@/lib/api/catalog";
import { apiRoute, otherMethods } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Names and descriptions follow Accept-Language (en, de).
export const GET = apiRoute(async ({ locale }) => Response.json(describeCatalog(locale)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
