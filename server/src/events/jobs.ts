/**
 * A background job's two entry points (retention, expiry): `run` joins a run already going in this
 * process instead of starting a second one (the cron and the admin's "run now" may coincide); `runAlone`
 * always starts one (tests pass their own `now`). Runs in other processes are made safe by the jobs
 * themselves (each batch is re-checked under the chain lock).
 */
export const jobRuns = <Options extends object, Result>(runOnce: (options?: Options) => Promise<Result>) => {
  let running: Promise<Result> | null = null;
  return {
    /** One run; a run already going in this process is joined, not started twice. */
    run(options?: Options) {
      if (!running) {
        running = runOnce(options).finally(() => {
          running = null;
        });
      }
      return running;
    },
    /** For tests: a run that does not join the one in progress. */
    runAlone: runOnce,
  };
};
