import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { cache } from "react";
import { InboxDetail } from "@/components/inboxes/inbox-detail";
import { QueryProvider } from "@/components/layout/query-provider";
import { getInbox } from "@/lib/inbox/inboxes";
import { ownOrigin } from "@/lib/inbox/own-target";
import { listInboxRequests } from "@/lib/inbox/requests";
import { browserInboxRequest } from "@/lib/inbox/serialize";
import { localeOf, pageAccess } from "@/lib/pages";
import { listWebhooks } from "@/lib/webhooks/queries";
import { roleAllows } from "@/lib/workspaces/roles";

type Props = PageProps<"/[locale]/inboxes/[id]">;

// Read once per request for the metadata and the page; null for another workspace's inbox or none.
const pageInbox = cache(async (id: string) => {
  const { access, db } = await pageAccess();
  const inbox = await getInbox(db, access.workspaceId, id);
  return inbox && { access, db, inbox };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { id } = await params;
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Inboxes" });
  const found = await pageInbox(id);
  return { title: found ? `${found.inbox.name} · ${t("metaTitle")}` : t("metaTitle") };
}

export default async function InboxPage({ params }: Props) {
  const found = await pageInbox((await params).id);
  if (!found) notFound();
  const { access, db, inbox } = found;
  const [page, webhooks] = await Promise.all([
    listInboxRequests(db, access.workspaceId, inbox.id),
    listWebhooks(db, access.workspaceId),
  ]);
  // The origin the sender recognises as this instance's own (lib/inbox/own-target.ts), not the one this
  // browser used: a payload URL copied from here must reach the inbox without opening the SSRF guard.
  const origin = ownOrigin();
  const url = `${origin}${inbox.path}`;
  // TanStack Query polls for new requests and checks signatures; only this page needs its provider.
  return (
    <QueryProvider>
      <InboxDetail
        inbox={{
          id: inbox.id,
          name: inbox.name,
          url,
          pinned: inbox.pinned,
          expiresAt: inbox.expires_at?.toISOString() ?? null,
          response: {
            status: inbox.response_status,
            retryAfter: inbox.response_retry_after,
            delayMs: inbox.response_delay_ms,
          },
        }}
        requests={(page?.requests ?? []).map((request) => browserInboxRequest(request, access.role))}
        // The webhooks whose signatures can be checked; one that sends here is chosen first.
        webhooks={webhooks.map((webhook) => ({
          id: webhook.id,
          name: webhook.name,
          sendsHere: webhook.payload_url.includes(inbox.token),
        }))}
        canEdit={roleAllows(access.role, "editor")}
      />
    </QueryProvider>
  );
}
