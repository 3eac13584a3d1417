// The built app's HTTP server (`npm start` runs it after building; tests start it directly): Next's own
// request handler, with the host platform's event routes taken first by the app's plain node:http
// listener (lib/api/intake-listener.ts, handed over by instrumentation.ts).
// Those routes do not go through the framework's routing and request objects, which cost two thirds of
// the app's CPU per event (README, "Intake and API"); every other request is Next's, as with `next start`.
// A custom server is Next's documented way to put a handler in front of it: no option of `next start` does.
import http from "node:http";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT || "3000");
// As Next's own server: HOSTNAME picks the interface (127.0.0.1: this machine only); unset, all.
const hostname = process.env.HOSTNAME || undefined;
// Before Next loads: a production server (the build is one), whatever NODE_ENV a test runner set, which
// leaves SIGTERM and SIGINT to the app (lib/dispatch/in-app-worker.ts finishes the deliveries in flight first).
process.env.NODE_ENV = "production";
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.NEXT_MANUAL_SIG_HANDLE = "true";

const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname: hostname ?? "localhost", port });
await app.prepare();
const handleWithNext = app.getRequestHandler();

const server = http.createServer((request, response) => {
  // Set by instrumentation.ts once the database is open; a request before that is Next's (same handlers).
  /** @type {{ serves(url: string): boolean; listener: http.RequestListener } | undefined} */
  const eventRoutes = globalThis.hooksmithEventRoutes;
  if (eventRoutes?.serves(request.url ?? "/")) eventRoutes.listener(request, response);
  else
    handleWithNext(request, response).catch((error) => {
      // As `next start` answers a request its handler could not.
      console.error(`[hooksmith] request for ${request.url} failed:`, error);
      if (!response.headersSent) response.statusCode = 500;
      response.end();
    });
});
// Idle connections stay open 65 s, longer than clients keep theirs (Node's agent 5 s, undici 4 s, load
// balancers 60 s): with Node's default 5 s both ends closed at once, and a request sent on the closing
// connection failed with ECONNRESET.
server.keepAliveTimeout = 65_000;
server.on("error", (error) => {
  console.error(`[hooksmith] cannot listen on port ${port}: ${error.message}`);
  process.exit(1);
});
server.listen(port, hostname, () => console.log(`[hooksmith] ready on port ${port}`));
