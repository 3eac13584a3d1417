// Icons of the inbox pages, from lucide-react; decorative only (the button or link around each names it).
import {
  Inbox,
  type LucideIcon,
  Pin,
  PinOff,
  Plus,
  RefreshCw,
  ShieldCheck,
  ShieldX,
  Trash2,
  Webhook,
} from "lucide-react";

function small(Icon: LucideIcon) {
  return function SmallIcon() {
    return <Icon aria-hidden="true" focusable="false" className="size-4" strokeWidth={2} />;
  };
}

export const PinIcon = small(Pin);
export const PinOffIcon = small(PinOff);
export const PlusIcon = small(Plus);
export const RotateIcon = small(RefreshCw);
export const ValidIcon = small(ShieldCheck);
export const InvalidIcon = small(ShieldX);
export const TrashIcon = small(Trash2);
export const WebhookIcon = small(Webhook);

export function InboxIcon() {
  return <Inbox aria-hidden="true" focusable="false" className="size-6" strokeWidth={1.8} />;
}
