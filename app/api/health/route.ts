import { health } from "@/lib/api/intake-routes";

export const dynamic = "force-dynamic";

// Liveness (lib/api/intake-routes.ts): the app and the intake process answer it alike.
export const GET = health;
