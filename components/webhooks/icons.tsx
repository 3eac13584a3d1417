// Icons used by the webhook pages, from lucide-react; decorative only (aria-hidden: the button or link around
// each names the action). Small ones are size-4, the empty-state ones size-6, as before.
import {
  Check,
  ChevronDown,
  ChevronRight,
  Copy,
  Eye,
  EyeOff,
  Inbox,
  KeyRound,
  Link2,
  List,
  type LucideIcon,
  Pencil,
  Plus,
  RefreshCw,
  Send,
  Undo2,
} from "lucide-react";

function small(Icon: LucideIcon) {
  return function SmallIcon() {
    return <Icon aria-hidden="true" focusable="false" className="size-4" strokeWidth={2} />;
  };
}

function large(Icon: LucideIcon) {
  return function LargeIcon() {
    return <Icon aria-hidden="true" focusable="false" className="size-6" strokeWidth={1.8} />;
  };
}

export const LogIcon = small(List);
export const EyeIcon = small(Eye);
export const EyeSlashIcon = small(EyeOff);
export const CopyIcon = small(Copy);
export const CheckIcon = small(Check);
export const RotateIcon = small(RefreshCw);
export const SendIcon = small(Send);
export const RecoverIcon = small(Undo2);
export const ChevronRightIcon = small(ChevronRight);
export const ChevronDownIcon = small(ChevronDown);
export const KeyIcon = small(KeyRound);
export const PencilIcon = small(Pencil);
export const PlusIcon = small(Plus);
export const HookIcon = large(Link2);
export const InboxIcon = large(Inbox);
