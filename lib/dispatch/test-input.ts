import { z } from "zod";
import { isUuid } from "@/lib/ids";
import { issueMessage as m } from "@/lib/validation/issues";

// The body of a test send, for the API, the actions and test-send.ts (the browser never loads it).

const optionalId = (key: "testEventId" | "testInboxId") =>
  z
    .string({ error: m(key) })
    .refine(isUuid, { error: m(key) })
    .nullish();

/** The body of `POST /api/v1/webhook/{id}/test`: a real event to replay, an inbox to send to instead. */
export const testSendSchema = z.strictObject(
  { event_id: optionalId("testEventId"), inbox_id: optionalId("testInboxId") },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? m("unknownFields", { fields: issue.keys.join(", ") })
        : m("object"),
  },
);
