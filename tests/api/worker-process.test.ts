import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getElement } from "@/lib/elements";
import { type AppStorage, createAppStorage, type RunningApp, startApp } from "../helpers/app-process.mjs";
import { type Receiver, startReceiver } from "../helpers/receiver";
import { ARRIVAL_TIMEOUT_MS, dispatchClient, dispatchEnv, eventually } from "./dispatch-fixture";

// On PostgreSQL the app's own worker is a child process (lib/dispatch/worker-process.ts): it delivers, is
// started again when it dies, and ends when the app dies, even by SIGKILL (no orphan keeps sending).

const answer = getElement("rsvp_answer")?.sample as Record<string, unknown>;

// The worker processes whose parent is `pid`, from /proc.
function workerChildren(pid: number): number[] {
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        const command = readFileSync(`/proc/${entry}/cmdline`, "utf8");
        return parent === pid && command.includes("scripts/worker.ts") ? [Number(entry)] : [];
      } catch {
        return [];
      }
    });
}

// Running, not gone and not a zombie waiting to be reaped.
const alive = (pid: number) => {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
};

describe.runIf(process.env.DATABASE_URL)("the app's worker process on PostgreSQL", () => {
  let storage: AppStorage;
  let receiver: Receiver;
  let app: RunningApp | undefined;

  beforeAll(async () => {
    storage = await createAppStorage();
    receiver = await startReceiver();
    app = await startApp({ storage, env: dispatchEnv() });
  });

  afterAll(async () => {
    await app?.stop();
    await receiver?.close();
    await storage?.remove();
  });

  const send = async (running: RunningApp) => {
    const client = dispatchClient(running.baseUrl);
    const response = await client.postEvent({
      body: { trigger_element: "rsvp_answer", trigger: "create", data: { ...answer, id: randomUUID() } },
    });
    expect(response.status, response.text).toBe(202);
  };

  it("delivers from a child process, and a new one after that one dies", async () => {
    if (!app?.pid) throw new Error("no app");
    const running = app;
    await dispatchClient(running.baseUrl).createWebhook({
      payload_url: `${receiver.url}/child`,
      trigger_element: "rsvp_answer",
      trigger: "create",
    });
    const [first] = await eventually(async () => {
      const children = workerChildren(running.pid as number);
      return children.length === 1 ? children : null;
    }, "the app started no worker process");
    await send(running);
    await receiver.waitForRequests(1, ARRIVAL_TIMEOUT_MS);

    process.kill(first as number, "SIGKILL");
    await eventually(async () => {
      const children = workerChildren(running.pid as number);
      return children.length === 1 && children[0] !== first;
    }, "the worker process was not started again");
    await send(running);
    await receiver.waitForRequests(2, ARRIVAL_TIMEOUT_MS);
  });

  it("ends its worker process when the app is killed", async () => {
    if (!app?.pid) throw new Error("no app");
    const children = workerChildren(app.pid);
    expect(children).toHaveLength(1);
    await app.kill("SIGKILL");
    app = undefined;
    await eventually(async () => !alive(children[0] as number), "the worker process outlived the app");
  });
});
