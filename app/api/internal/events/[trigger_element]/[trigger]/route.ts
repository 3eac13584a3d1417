import { eventRouteOthers, postElementEvent } from "@/lib/api/intake-routes";

export const dynamic = "force-dynamic";

// The same as POST /api/internal/events, element and trigger in the path (lib/api/intake-routes.ts).
export const POST = postElementEvent;
export const { GET, PUT, PATCH, DELETE, OPTIONS } = eventRouteOthers;
