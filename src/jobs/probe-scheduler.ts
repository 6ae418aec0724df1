import { nextSlotAfter, slotOf, type Probe, type ProbeOutcome } from '../domain/probes/probe.ts';
import { checkProbe } from './probe-check.ts';

/** What the scheduler needs of the application: the probe actions (src/actions/run-probe-slot.action.ts). */
export interface ProbeSchedulerActions {
  listActiveProbes(): Promise<Probe[]>;
  claimProbeRun(probe: Probe, slot: Date): Promise<boolean>;
  recordProbeOutcome(probe: Probe, slot: Date, outcome: ProbeOutcome): Promise<void>;
}

export interface ProbeSchedulerOptions {
  /** How often the list of probes is read again (a probe added, paused or removed elsewhere). Default 10 s. */
  refreshMs?: number;
  now?: () => Date;
  /** The check itself; tests may pass their own. Default: the network check of probe-check.ts. */
  check?: (probe: Probe) => Promise<ProbeOutcome>;
  /** A failure that is not the target's (the database, say): logged, and the next slot runs as usual. */
  onError?: (error: unknown, probeName: string | null) => void;
  /** Each slot this instance checked, after it was recorded (logs, tests, the bench's jitter). */
  onChecked?: (probe: Probe, slot: Date, outcome: ProbeOutcome) => void;
}

export interface ProbeScheduler {
  /** Stops scheduling and waits for the checks under way to be recorded. */
  stop(): Promise<void>;
}

/** Checks one slot of a probe if this instance claims it, and records the check. */
async function runProbeSlot(actions: ProbeSchedulerActions, check: (probe: Probe) => Promise<ProbeOutcome>, probe: Probe, slot: Date, options: ProbeSchedulerOptions): Promise<void> {
  if (!(await actions.claimProbeRun(probe, slot))) return;
  const outcome = await check(probe);
  await actions.recordProbeOutcome(probe, slot, outcome);
  options.onChecked?.(probe, slot, outcome);
}

/**
 * Checks every active probe's current slot once (`misura probes run --once`, a cron job), skipping slots another
 * instance took; a probe's failure is reported and does not stop the others.
 */
export async function runProbesOnce(actions: ProbeSchedulerActions, options: ProbeSchedulerOptions = {}): Promise<void> {
  const now = options.now ?? (() => new Date());
  const check = options.check ?? ((probe: Probe) => checkProbe(probe, now));
  const probes = await actions.listActiveProbes();
  await Promise.all(probes.map((probe) => runProbeSlot(actions, check, probe, slotOf(probe, now()), options).catch((error: unknown) => options.onError?.(error, probe.name))));
}

/**
 * Runs every active probe once per slot: a timer per probe fires at its slot's start (slots are spread over the
 * interval by name, see offsetOf), the instance that claims the slot checks and records it, the others skip it. On
 * start, the slot under way is run at once unless another instance (or this one before a restart) already took it.
 * A missed slot (the server was down) is not made up: a check made later would not say how the target was then.
 */
export function startProbeScheduler(actions: ProbeSchedulerActions, options: ProbeSchedulerOptions = {}): ProbeScheduler {
  const now = options.now ?? (() => new Date());
  const check = options.check ?? ((probe: Probe) => checkProbe(probe, now));
  const timers = new Map<string, { signature: string; timer: NodeJS.Timeout }>();
  const running = new Set<Promise<void>>();
  let stopped = false;

  const track = (probe: Probe, slot: Date): void => {
    const run = runProbeSlot(actions, check, probe, slot, options).catch((error: unknown) => options.onError?.(error, probe.name));
    running.add(run);
    void run.finally(() => running.delete(run));
  };

  const schedule = (probe: Probe, slot: Date, signature: string): void => {
    const timer = setTimeout(() => {
      if (stopped) return;
      track(probe, slot);
      schedule(probe, new Date(slot.getTime() + probe.intervalSeconds * 1000), signature);
    }, Math.max(0, slot.getTime() - now().getTime()));
    timer.unref();
    timers.set(probe.name, { signature, timer });
  };

  const refresh = async (): Promise<void> => {
    const probes = await actions.listActiveProbes();
    if (stopped) return;
    const active = new Set(probes.map((probe) => probe.name));
    for (const [name, entry] of timers) {
      if (!active.has(name)) {
        clearTimeout(entry.timer);
        timers.delete(name);
      }
    }
    for (const probe of probes) {
      const signature = JSON.stringify(probe);
      const entry = timers.get(probe.name);
      if (entry?.signature === signature) continue;
      if (entry !== undefined) clearTimeout(entry.timer);
      const at = now();
      // A probe new to this instance runs its current slot now; a changed one waits for its next slot.
      if (entry === undefined) track(probe, slotOf(probe, at));
      schedule(probe, nextSlotAfter(probe, at), signature);
    }
  };

  const refreshSafely = (): Promise<void> => refresh().catch((error: unknown) => options.onError?.(error, null));
  let refreshing = refreshSafely();
  const refresher = setInterval(() => {
    refreshing = refreshing.then(refreshSafely);
  }, options.refreshMs ?? 10_000);
  refresher.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(refresher);
      for (const entry of timers.values()) clearTimeout(entry.timer);
      timers.clear();
      await refreshing;
      await Promise.all([...running]);
    },
  };
}
