import "server-only";
import { acceptEventResponse } from "./events";
import { readJson } from "./read-json";
import { apiRoute, otherMethods, publicApiRoute } from "./route";

// The intake's routes: the host platform's events and liveness, served by the app (app/api/…) and by the intake
// process (intake-listener.ts, `npm run intake`): one handler each, so both answer alike.

/** POST /api/internal/events: { trigger_element, trigger, data, prokey?, idempotency_key? } (or the key in an Idempotency-Key header). */
export const postEvent = apiRoute(
  async ({ request, locale, principal }) =>
    acceptEventResponse(principal.workspaceId, await readJson(request), locale, request.headers),
  { realm: "internal" },
);

type ElementParams = { trigger_element: string; trigger: string };

/**
 * POST /api/internal/events/{trigger_element}/{trigger}: the same, with element and trigger in the path and
 * the data as the body; the prokey and the idempotency key as query parameters (or the key in a header).
 */
export const postElementEvent = apiRoute<ElementParams>(
  async ({ request, params, locale, principal }) => {
    const data = await readJson(request);
    const query = new URL(request.url).searchParams;
    const prokey = query.get("prokey");
    const key = query.get("idempotency_key");
    return acceptEventResponse(
      principal.workspaceId,
      { ...params, data, ...(prokey ? { prokey } : {}), ...(key !== null ? { idempotency_key: key } : {}) },
      locale,
      request.headers,
    );
  },
  { realm: "internal" },
);

/** The other methods of both event routes: 405 with the envelope, OPTIONS listing POST. */
export const eventRouteOthers = otherMethods(["POST"]);

// Liveness for load balancers and process managers: answers while the process serves requests and touches
// nothing else (no database, no key), so it is also the floor a route of this app costs (bench:dispatch).
export const health = publicApiRoute(async () => Response.json({ status: "ok" }));
