import { CircleCheck, CircleOff, CircleX, List, Pencil, Send, Trash2 } from "lucide-react";

/** The icons every row of the webhook list repeats, drawn once on the list's page (IconSprite). */
export const ROW_ICONS = {
  edit: Pencil,
  log: List,
  send: Send,
  delete: Trash2,
  healthy: CircleCheck,
  failing: CircleX,
  off: CircleOff,
};
