// An admission bound for password hashing. One scrypt at N=2^17 takes 128 MiB and a core for a
// few hundred milliseconds; unbounded, a burst of 50 sign-ins took both cores of the load
// benchmark's machine for minutes, starved every other request, and went on hashing for clients
// that had long given up (README, "Load"). Bounded, a burst costs sign-ins and nothing else: at
// most `concurrency` hashes run at once, a short queue waits, and past it a sign-in is refused at
// once with a message to retry, before any credential is checked.

/** Thrown when no hashing slot can be had soon enough: the caller says "busy, retry". */
export class HashingBusyError extends Error {
  constructor() {
    super("Password hashing is at capacity.");
    this.name = "HashingBusyError";
  }
}

export type THashingSlotsOptions = {
  /** Hashes that may run at once. */
  concurrency: number;
  /** Callers that may wait for a slot; one more is refused at once. */
  maxWaiting: number;
  /** How long a caller waits for a slot before it is refused. */
  maxWaitMs: number;
};

type TWaiter = { resolve: () => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> };

export type THashingSlots = {
  run: <T>(work: () => Promise<T>) => Promise<T>;
  /** Running and waiting now (for tests and the health of a burst). */
  load: () => { running: number; waiting: number };
  readonly options: Readonly<THashingSlotsOptions>;
};

export function createHashingSlots(o: THashingSlotsOptions): THashingSlots {
  let running = 0;
  const waiting: TWaiter[] = [];

  const acquire = (): Promise<void> => {
    if (running < o.concurrency) {
      running++;
      return Promise.resolve();
    }
    if (waiting.length >= o.maxWaiting) return Promise.reject(new HashingBusyError());
    return new Promise<void>((resolve, reject) => {
      const waiter: TWaiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const at = waiting.indexOf(waiter);
          if (at >= 0) waiting.splice(at, 1);
          reject(new HashingBusyError());
        }, o.maxWaitMs),
      };
      waiting.push(waiter);
    });
  };

  // A finished hash hands its slot straight to the oldest waiter, so `running` never drops and
  // rises again in between (a newcomer cannot overtake the queue).
  const release = () => {
    const next = waiting.shift();
    if (next) {
      clearTimeout(next.timer);
      next.resolve();
    } else running--;
  };

  return {
    async run(work) {
      await acquire();
      try {
        return await work();
      } finally {
        release();
      }
    },
    load: () => ({ running, waiting: waiting.length }),
    options: { ...o },
  };
}
