import { useFormatter, useTranslations } from "next-intl";
import { BackLink } from "@/components/ui/back-link";
import { buttonClasses } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyField } from "@/components/ui/copy-field";
import { Link } from "@/lib/i18n/navigation";
import type { BrowserInboxRequest } from "@/lib/inbox/serialize";
import { WebhookIcon } from "./icons";
import { DeleteInboxButton, PinInboxButton, RotateInboxTokenButton } from "./inbox-buttons";
import { InboxRenameForm } from "./inbox-rename-form";
import { InboxRequests, type SignatureWebhook } from "./inbox-requests";
import { type InboxResponse, InboxResponseForm } from "./inbox-response-form";

export type InboxPageData = {
  id: string;
  name: string;
  url: string;
  pinned: boolean;
  expiresAt: string | null;
  response: InboxResponse;
};

export function InboxDetail({
  inbox,
  requests,
  webhooks,
  canEdit,
}: {
  inbox: InboxPageData;
  requests: BrowserInboxRequest[];
  webhooks: SignatureWebhook[];
  canEdit: boolean;
}) {
  const t = useTranslations("Inboxes");
  const format = useFormatter();
  // The editor opens with the inbox's address as payload URL; nothing is saved until the user saves.
  const newWebhook = `/webhooks/new?${new URLSearchParams({ payload_url: inbox.url, name: inbox.name })}`;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div className="min-w-0">
          <BackLink href="/inboxes">{t("back")}</BackLink>
          <h1 className="mt-2 text-2xl font-semibold tracking-tight break-words text-slate-900">
            {inbox.name}
          </h1>
          <p className="mt-1 text-sm text-slate-600">
            {inbox.expiresAt
              ? t("expiresLong", {
                  time: format.dateTime(new Date(inbox.expiresAt), {
                    dateStyle: "medium",
                    timeStyle: "short",
                  }),
                })
              : t("pinnedLong")}
          </p>
        </div>
        {canEdit ? (
          <div className="flex flex-wrap items-center gap-1">
            <PinInboxButton id={inbox.id} name={inbox.name} pinned={inbox.pinned} />
            <RotateInboxTokenButton id={inbox.id} name={inbox.name} />
            <DeleteInboxButton id={inbox.id} name={inbox.name} leave />
          </div>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,25rem)]">
        <Card title={t("address.title")} headingId="inbox-address" description={t("address.description")}>
          <CopyField
            id="inbox-url"
            label={t("address.label")}
            value={inbox.url}
            copyText={t("address.copy")}
            copiedText={t("address.copied")}
          />
          {canEdit ? (
            <div className="mt-4 flex flex-wrap items-center gap-3">
              <Link href={newWebhook} className={buttonClasses("secondary")}>
                <WebhookIcon />
                {t("address.createWebhook")}
              </Link>
              <p className="text-xs text-slate-500">{t("address.createWebhookHint")}</p>
            </div>
          ) : null}
          {canEdit ? (
            <div className="mt-6 border-t border-slate-100 pt-4">
              <InboxRenameForm id={inbox.id} name={inbox.name} />
            </div>
          ) : null}
        </Card>
        <InboxResponseForm id={inbox.id} response={inbox.response} canEdit={canEdit} />
      </div>

      <InboxRequests
        inboxId={inbox.id}
        inboxUrl={inbox.url}
        initial={requests}
        webhooks={webhooks}
        canReveal={canEdit}
      />
    </div>
  );
}
