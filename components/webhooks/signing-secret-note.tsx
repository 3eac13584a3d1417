import { useTranslations } from "next-intl";
import { Card } from "@/components/ui/card";
import { KeyIcon } from "./icons";

// On the new page: a webhook has no signing secret until it is saved.
export function SigningSecretNote() {
  const t = useTranslations("WebhookEditor.secret");
  return (
    <Card title={t("title")} headingId="section-secret">
      <p className="flex items-start gap-2 text-sm text-slate-600">
        <span className="mt-0.5 text-slate-400">
          <KeyIcon />
        </span>
        {t("newNote")}
      </p>
    </Card>
  );
}
