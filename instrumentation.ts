// Runs once per server process before it serves requests: open the database (which applies
// migrations) so the first request does not pay for it, and a broken database stops the start.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    try {
      const { getConnection } = await import("@/lib/db");
      const connection = await getConnection();
      console.log(
        `[hooksmith] database ready (${connection.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"})`,
      );
      // Reads API_TOKEN or the stored token; on the first start without one, generates, stores and prints it.
      const { getApiToken, getInternalToken } = await import("@/lib/api/token");
      await getApiToken();
      await getInternalToken();
      // ADMIN_EMAIL/ADMIN_PASSWORD create the first owner when no one can sign in yet.
      const { env } = await import("@/lib/env");
      const { seedOwnerFromEnv } = await import("@/lib/auth/setup");
      await seedOwnerFromEnv(connection.db, env());
      // On PostgreSQL, events accepted here wake the worker processes at once (LISTEN/NOTIFY), the app's
      // own among them: there it runs in a child process (lib/dispatch/worker-process.ts).
      const { shareWakes } = await import("@/lib/dispatch/wake");
      await shareWakes(connection, { listen: false });
      // The app's server (scripts/server.mjs) answers the event routes with the intake's own listener, in
      // front of Next: the same handlers, a third of the CPU per event.
      const { intakeListener, isEventRoute } = await import("@/lib/api/intake-listener");
      (globalThis as { hooksmithEventRoutes?: unknown }).hooksmithEventRoutes = {
        serves: isEventRoute,
        listener: intakeListener(),
      };
      // Keys looked up are cached in this process; the database tells it when one changes.
      const { listenForKeyChanges } = await import("@/lib/keys/key-cache");
      await listenForKeyChanges(connection);
      // The app delivers too (a child process on PostgreSQL), unless dedicated workers (`npm run worker`) do it.
      if (env().WORKER_IN_APP !== false) {
        const { startInAppWorker } = await import("@/lib/dispatch/in-app-worker");
        startInAppWorker(connection);
        // Retention and bulk recoveries: on PostgreSQL the worker process runs them.
        if (connection.kind === "pglite")
          (await import("@/lib/recovery/loop")).startMaintenance(connection.db);
      }
    } catch (error) {
      // Next logs a failed hook but keeps listening, and every request would fail: stop the process instead.
      console.error(`[hooksmith] cannot start: ${String(error)}`);
      process.exit(1);
    }
  }
}
