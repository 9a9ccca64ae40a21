// The write load of every fault run: several signed-in clinicians, each importing one new patient
// after another through the real API (POST /api/fhir, a Patient and an Observation per bundle: a
// patient, a record version and an access event, each anchored, in one transaction), and keeping
// the list of imports the server acknowledged (201 with the patient id). A fault run checks that
// list against the database afterwards (check-acknowledged.ts). Every answer that is not a 201 is
// classified: a 503 with a JSON error code is a clean refusal, anything else (a 500, a 503 without
// a code, a request that outlives the bound) is a failure of the scenario.

export type TAck = { patientId: string; records: number; client: number; ackAt: number; url: string };

export type TOutcome =
  | "acknowledged"
  | `refused ${number} ${string}` // a JSON error with a code (503 database_unavailable, storage_full, …)
  | `http ${number}` // an answer without a JSON error code
  | "connection refused" // nothing listening (the app was killed)
  | "connection lost" // the connection broke mid-request
  | "timed out"; // no answer within the bound

export type TWriteLoadReport = {
  acks: TAck[];
  outcomes: Map<TOutcome, number>;
  /** The longest any request took, answered or not (ms). */
  maxLatencyMs: number;
  /** The longest a request that was not acknowledged took (ms). */
  maxFailedLatencyMs: number;
  requests: number;
};

export type TWriteLoadOptions = {
  /** Base URLs of the app instances; client i starts on i mod n and moves to the next on a connection error. */
  baseUrls: readonly string[];
  /** One signed-in session cookie per client. */
  cookies: readonly string[];
  /** A request with no answer by then counts as a hang (AbortSignal.timeout). */
  requestTimeoutMs: number;
  /** Distinguishes this run's MRNs from any other run's on the same database. */
  runId: string;
};

export type TWriteLoad = {
  /** Acknowledged so far (the array grows while the load runs). */
  readonly acks: readonly TAck[];
  /** Outcomes since the last call, then reset (for "do writes succeed again?" after a fault). */
  takeRecent: () => Map<TOutcome, number>;
  stop: () => Promise<TWriteLoadReport>;
};

function bundle(mrn: string) {
  return {
    resourceType: "Bundle",
    type: "collection",
    entry: [
      {
        fullUrl: "urn:uuid:p",
        resource: {
          resourceType: "Patient",
          identifier: [{ system: "urn:healthledger:mrn", value: mrn }],
          name: [{ family: "Faultload", given: ["Test"] }],
          birthDate: "1970-01-01",
        },
      },
      {
        resource: {
          resourceType: "Observation",
          status: "final",
          code: { text: "Heart rate" },
          subject: { reference: "urn:uuid:p" },
          valueQuantity: { value: 64, unit: "/min" },
        },
      },
    ],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function networkOutcome(err: unknown): TOutcome {
  const e = err as { name?: string; cause?: { code?: string } };
  if (e.name === "TimeoutError") return "timed out";
  return e.cause?.code === "ECONNREFUSED" ? "connection refused" : "connection lost";
}

async function classify(res: Response): Promise<{ outcome: TOutcome; ack?: { patientId: string; records: number } }> {
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: classified by status alone
  }
  if (res.status === 201) {
    const p = (body as { patients?: { patientId?: string; records?: number }[] } | null)?.patients?.[0];
    if (p?.patientId) return { outcome: "acknowledged", ack: { patientId: p.patientId, records: p.records ?? 0 } };
  }
  const code = (body as { error?: { code?: unknown } } | null)?.error?.code;
  if (typeof code === "string" && res.status !== 201) return { outcome: `refused ${res.status} ${code}` };
  return { outcome: `http ${res.status}` };
}

export function startWriteLoad(o: TWriteLoadOptions): TWriteLoad {
  const acks: TAck[] = [];
  const outcomes = new Map<TOutcome, number>();
  let recent = new Map<TOutcome, number>();
  let running = true;
  let requests = 0;
  let maxLatencyMs = 0;
  let maxFailedLatencyMs = 0;
  const count = (outcome: TOutcome) => {
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    recent.set(outcome, (recent.get(outcome) ?? 0) + 1);
  };

  const client = async (i: number) => {
    let server = i % o.baseUrls.length;
    for (let seq = 0; running; seq++) {
      const url = o.baseUrls[server];
      const started = performance.now();
      let outcome: TOutcome;
      try {
        const res = await fetch(`${url}/api/fhir`, {
          method: "POST",
          headers: { "content-type": "application/fhir+json", cookie: o.cookies[i] },
          body: JSON.stringify(bundle(`FAULT-${o.runId}-${i}-${seq}`)),
          signal: AbortSignal.timeout(o.requestTimeoutMs),
        });
        const r = await classify(res);
        outcome = r.outcome;
        if (r.ack) acks.push({ ...r.ack, client: i, ackAt: Date.now(), url });
      } catch (err) {
        outcome = networkOutcome(err);
      }
      const took = performance.now() - started;
      requests++;
      maxLatencyMs = Math.max(maxLatencyMs, took);
      if (outcome !== "acknowledged") maxFailedLatencyMs = Math.max(maxFailedLatencyMs, took);
      count(outcome);
      if (outcome === "connection refused" || outcome === "connection lost") server = (server + 1) % o.baseUrls.length;
      // A refused or lost request is retried after a pause, as a client honouring Retry-After
      // would, only shorter: the run wants to see the first write that succeeds again.
      if (outcome !== "acknowledged") await sleep(200);
    }
  };
  const clients = o.cookies.map((_, i) => client(i));

  return {
    acks,
    takeRecent() {
      const r = recent;
      recent = new Map();
      return r;
    },
    async stop() {
      running = false;
      await Promise.all(clients);
      return { acks, outcomes, maxLatencyMs, maxFailedLatencyMs, requests };
    },
  };
}

/** "acknowledged 812, refused 503 database_unavailable 14" */
export function describeOutcomes(outcomes: Map<TOutcome, number>): string {
  return [...outcomes]
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(", ");
}

/** "12.3 s": from `since` (epoch ms) to the first acknowledgement after it. */
export function firstAckAgain(acks: readonly TAck[], since: number): string {
  const first = acks.find((a) => a.ackAt > since);
  return first ? `${((first.ackAt - since) / 1000).toFixed(1)} s` : "never";
}
