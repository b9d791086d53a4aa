/**
 * Crash points for the crash-consistency tests (test/trust/crashSteps.test.ts). With
 * `KOERS_CRASH_AT=<name>` in the environment, the process group (server and embedded
 * database) is killed with SIGKILL when the named step is reached, as an OOM kill or a
 * power cut would, so a test can check that what was written so far is consistent or
 * repaired at the next start. Nothing sets the variable outside those tests.
 */
export function crashPoint(name: string): void {
  if (process.env.KOERS_CRASH_AT !== name) return;
  process.kill(0, "SIGKILL");
}
