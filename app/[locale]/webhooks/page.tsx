import { connection } from "next/server";
import { listWebhooks } from "@/lib/webhooks/queries";
import { getDb } from "@/lib/db";

// Placeholder until the list UI lands.
export default async function WebhooksPage() {
  await connection();
  const webhooks = await listWebhooks(await getDb());
  return <pre>{JSON.stringify(webhooks, null, 2)}</pre>;
}
