/**
 * Runs `run` one call at a time; a call made while another waits to start shares that one's promise (and its
 * argument), since it would do the same work a moment later. A call made while one RUNS waits and starts afresh, so
 * it sees everything done before it was made. A failed run does not stop the next.
 */
export function coalesceRuns<A, T>(run: (argument: A) => Promise<T>): (argument: A) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  let waiting: Promise<T> | undefined;
  return (argument) => {
    if (waiting !== undefined) return waiting;
    const next = tail
      .catch(() => undefined)
      .then(() => {
        waiting = undefined;
        return run(argument);
      });
    waiting = next;
    tail = next;
    return next;
  };
}
