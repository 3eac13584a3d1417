import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { EventDetail } from "@/components/events/event-detail";
import { localeOf, pageAccess } from "@/lib/pages";
import { getEvent } from "@/lib/recovery/events";

export async function generateMetadata({ params }: PageProps<"/[locale]/events/[id]">): Promise<Metadata> {
  const t = await getTranslations({ locale: await localeOf(params), namespace: "Events" });
  return { title: t("eventTitle") };
}

export default async function EventPage({ params }: PageProps<"/[locale]/events/[id]">) {
  const { access, db } = await pageAccess();
  const event = await getEvent(db, access.workspaceId, (await params).id);
  if (!event) notFound();
  return <EventDetail event={event} />;
}
