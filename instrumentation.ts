// Runs once per server process before it serves requests: open the database (which applies
// migrations) so the first request does not pay for it, and a broken database stops the start.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { getConnection } = await import("@/lib/db");
  const connection = await getConnection();
  console.log(
    `[hooksmith] database ready (${connection.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"})`,
  );
}
