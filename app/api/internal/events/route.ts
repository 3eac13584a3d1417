import { eventRouteOthers, postEvent } from "@/lib/api/intake-routes";

export const dynamic = "force-dynamic";

// The host platform reports an element change (lib/api/intake-routes.ts; `npm run intake` serves it too).
export const POST = postEvent;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = eventRouteOthers;
