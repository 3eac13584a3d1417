// The owners' notice as the browser gets it (lib/webhooks/notices.ts reads it), without "server-only".

/** A webhook Hooksmith switched off whose notice no owner has acknowledged yet. */
export type DisabledNotice = {
  id: string;
  name: string;
  /** `gone` (the receiver answered 410) or `failing` (days of failures). */
  reason: string;
  switched_off_at: string | null;
};
