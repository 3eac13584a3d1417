import { publicApiRoute } from "@/lib/api/route";

export const dynamic = "force-dynamic";

// Liveness for load balancers and process managers: answers while the process serves requests and touches
// nothing else (no database, no key), so it is also the floor a route of this app costs (bench:dispatch).
export const GET = publicApiRoute(async () => Response.json({ status: "ok" }));
