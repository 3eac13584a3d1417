import "server-only";
import type { LookupAddress } from "node:dns";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { Database } from "@/db";
import { type InboxOwner, ownInboxRoute } from "@/lib/inbox/own-target";
import type { ApprovedTarget } from "@/lib/targets/guard";
import { type SendConfig, type SendInput, type SendResult, sendRequest } from "./send";

/**
 * Sends a request as sendRequest does, except to a live inbox of the owner's workspace on this instance
 * (lib/inbox/own-target.ts): that one goes to the app's own listener, the address in configuration, with
 * the same method, path, query, headers and body. Everything else meets the SSRF guard unchanged. Without
 * a database (a unit test of the attempt) nothing is recognised.
 */
export async function sendToTarget(
  request: SendInput,
  config: SendConfig,
  db: Database | undefined,
  owner: InboxOwner,
): Promise<SendResult> {
  const route = db ? await ownInboxRoute(db, request.url, owner) : null;
  if (!route) return sendRequest(request, config);
  const listener = await listenerTarget(route);
  if (!listener.ok) {
    return { ok: false, body: "", bodyTruncated: false, durationMs: 0, ...listener.failure };
  }
  return sendRequest(request, config, listener.target);
}

type ListenerTarget =
  | { ok: true; target: ApprovedTarget }
  | { ok: false; failure: Pick<SendResult, "errorKind" | "errorMessage"> };

// The listener is an address from configuration (usually 127.0.0.1): approved as it stands, resolved
// once when it is a name (APP_INTERNAL_URL=http://app:3000 beside a separate worker).
async function listenerTarget(url: URL): Promise<ListenerTarget> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  let addresses: LookupAddress[];
  const family = isIP(host);
  if (family !== 0) addresses = [{ address: host, family }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      return {
        ok: false,
        failure: {
          errorKind: "dns",
          errorMessage: `could not resolve the app's own listener ${host} (${code})`,
        },
      };
    }
  }
  return { ok: true, target: { ok: true, url, host, addresses } };
}
