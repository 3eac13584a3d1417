/**
 * Milliseconds of CPU this process spent running `work`: a bound on the work itself that holds on a loaded
 * machine, where wall-clock time also counts the waits for a core (five suites on two cores made a
 * 250 ms bound on wall-clock time fail at 450 ms).
 */
export function cpuMillis(work: () => unknown): number {
  const before = process.cpuUsage();
  work();
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}
