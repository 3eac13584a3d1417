import "server-only";

// Workers poll the table; a process that has just queued deliveries wakes its own worker at once
// instead of letting the event wait for the next poll.
type Listener = () => void;
const globalForWake = globalThis as unknown as { hooksmithWakeListeners?: Set<Listener> };

function listeners(): Set<Listener> {
  globalForWake.hooksmithWakeListeners ??= new Set();
  return globalForWake.hooksmithWakeListeners;
}

export function wakeWorkers(): void {
  for (const listener of listeners()) listener();
}

export function onWake(listener: Listener): () => void {
  listeners().add(listener);
  return () => listeners().delete(listener);
}
