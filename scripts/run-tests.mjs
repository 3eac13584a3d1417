// `npm test`: every check and suite, in phases. Within a phase, lanes run side by side (their output is
// printed whole when each ends, so logs do not interleave); the phases run one after the other. What runs
// together was chosen so neither waits on the other's files: `next typegen` (typecheck) and `next build`
// both write .next/types, so they never overlap. Ends with a table of wall and CPU time per step, the
// figures the README's suite times come from. A hand-written runner because npm-run-all2 and concurrently
// run commands but neither keeps per-step CPU time nor holds a parallel lane's output until it ends.
import { spawn } from "node:child_process";
import { loadavg } from "node:os";

/** A lane is steps run in order; a phase is lanes run at once. */
const phases = [
  [["typecheck"], ["lint", "check:arch", "check:messages", "check:unused", "test:unit"]],
  [["build"], ["test:db"]],
  [["test:api"]],
  [["test:e2e"]],
];
const commands = {
  build: "node scripts/build-if-needed.mjs && node scripts/check-client-bundle.mjs",
};

const results = [];

/** Runs one npm script (or command) and resolves with its exit code, output and times. */
function run(step, streamed) {
  const command = commands[step] ?? `npm run --silent ${step}`;
  const startedAt = performance.now();
  const load = loadavg()[0].toFixed(1);
  return new Promise((resolve) => {
    // `/usr/bin/time`-free CPU figures: bash's `times` prints the children's user and system seconds.
    const child = spawn("bash", ["-c", `${command}; code=$?; times >&3; exit $code`], {
      stdio: ["ignore", streamed ? "inherit" : "pipe", streamed ? "inherit" : "pipe", "pipe"],
      env: process.env,
    });
    let output = "";
    let times = "";
    child.stdout?.on("data", (chunk) => (output += chunk));
    child.stderr?.on("data", (chunk) => (output += chunk));
    child.stdio[3].on("data", (chunk) => (times += chunk));
    child.on("close", (code) => {
      const seconds = (performance.now() - startedAt) / 1000;
      resolve({ step, code: code ?? 1, output, seconds, cpu: cpuSeconds(times), load });
    });
  });
}

/** The children's user + system time from bash's `times` (second line: "0m21.1s 0m2.6s"). */
function cpuSeconds(times) {
  const line = times.trim().split("\n").at(-1) ?? "";
  return [...line.matchAll(/(\d+)m([\d.]+)s/g)].reduce(
    (sum, [, m, s]) => sum + 60 * Number(m) + Number(s),
    0,
  );
}

async function runLane(steps, streamed) {
  for (const step of steps) {
    if (!streamed) console.log(`▶ ${step}`);
    const result = await run(step, streamed);
    results.push(result);
    if (!streamed) process.stdout.write(result.output);
    console.log(`${result.code === 0 ? "✔" : "✘"} ${step} (${result.seconds.toFixed(1)} s)`);
    if (result.code !== 0) return false;
  }
  return true;
}

const startedAt = performance.now();
let passed = true;
for (const lanes of phases) {
  const streamed = lanes.length === 1;
  const outcomes = await Promise.all(lanes.map((steps) => runLane(steps, streamed)));
  if (outcomes.includes(false)) {
    passed = false;
    break;
  }
}

const total = (performance.now() - startedAt) / 1000;
console.log(`\nstep               wall s   cpu s   load at start`);
for (const { step, seconds, cpu, load, code } of results) {
  const mark = code === 0 ? " " : "✘";
  console.log(
    `${mark} ${step.padEnd(16)} ${seconds.toFixed(1).padStart(6)} ${cpu.toFixed(1).padStart(7)}   ${load}`,
  );
}
const cpu = results.reduce((sum, result) => sum + result.cpu, 0);
console.log(
  `  ${"npm test".padEnd(16)} ${total.toFixed(1).padStart(6)} ${cpu.toFixed(1).padStart(7)}   ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}`,
);
process.exit(passed ? 0 : 1);
