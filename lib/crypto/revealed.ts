import "server-only";
import type { KeyObject } from "node:crypto";
import { revealValue } from "./envelope";

// Stored values this process has decrypted, by their envelope (each encryption has a random IV, so an
// envelope stands for one value): the worker claims the same webhooks again and again and the API reads
// the same ones, and AES-GCM on them anew each time was ~5 % of the worker's CPU (bench:dispatch, latency
// phase) and ~3 % of a GET /api/v1/webhook/{id}. Bounded, per key; an altered envelope is another string,
// so it is decrypted (and refused) as before. It holds nothing a process does not hold anyway while it
// sends or answers.
const KEPT_PER_KEY = 1_000;
const revealed = new WeakMap<KeyObject, Map<string, string>>();

/** revealValue, decrypting each distinct stored value once per process. */
export function revealKnown(stored: string, key: KeyObject): string {
  let known = revealed.get(key);
  if (!known || known.size >= KEPT_PER_KEY) {
    known = new Map();
    revealed.set(key, known);
  }
  let value = known.get(stored);
  if (value === undefined) {
    value = revealValue(stored, key);
    known.set(stored, value);
  }
  return value;
}
