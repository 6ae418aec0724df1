/** A loop started beside the site: stop() ends it after the round in progress. */
export interface RepeatingLoop {
  stop(): Promise<void>;
}

/**
 * Runs `round` at once and then every `everyMs`, one round at a time (a slow round delays the next, never overlaps
 * it), until stopped; an error goes to `onError` and the loop goes on. The timer never keeps the process alive.
 */
export function startRepeating(round: () => Promise<unknown>, everyMs: number, onError?: (error: unknown) => void): RepeatingLoop {
  let stopped = false;
  let last: Promise<unknown> = Promise.resolve();
  const tick = (): void => {
    last = last.then(() => (stopped ? undefined : round())).catch((error: unknown) => onError?.(error));
  };
  const timer = setInterval(tick, everyMs);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await last;
    },
  };
}
