import "server-only";
// Pushes the log's newest checkpoint to every witness, beside the sequencer and never in its way:
// a seal only offers its block; pushes run in the background, coalesced (a witness only needs
// the latest checkpoint: each is consistent with the ones before), retried with backoff, and
// every outcome is recorded (witness-records.ts) for the audit-evidence page.
import { getConsistencyProof } from "../proofs/get-consistency-proof";
import type { LedgerPool } from "../ledger-pool";
import { readLatestBlock } from "../read-ledger-state";
import { pushCheckpoint, type TWitnessEndpoint } from "./push-checkpoint";
import { readWitnessStatuses, recordCosignature, recordWitnessError } from "./witness-records";

export type TWitnessPusher = {
  /** Offer a freshly sealed checkpoint; returns at once. */
  offer: (checkpoint: { treeSize: number; checkpoint: string }) => void;
  /** Resolves once nothing is being pushed and no witness is behind the latest offer (tests). */
  settled: () => Promise<void>;
  stop: () => Promise<void>;
};

export type TWitnessPusherOptions = {
  pool: LedgerPool;
  witnesses: readonly TWitnessEndpoint[];
  timeoutMs?: number;
  /** Longest wait between retries of a failing witness. */
  maxBackoffMs?: number;
  onError?: (line: string) => void;
};

type TWitnessTrack = {
  endpoint: TWitnessEndpoint;
  size: number | null;
  /** The checkpoint note it last cosigned for this process (sizes alone cannot tell a fork). */
  cosignedNote: string | null;
  failures: number;
  retryAt: number;
};

export function startWitnessPusher(options: TWitnessPusherOptions): TWitnessPusher {
  const { pool } = options;
  const maxBackoffMs = options.maxBackoffMs ?? 60_000;
  const report = options.onError ?? ((line: string) => console.warn(line));
  const tracks: TWitnessTrack[] = options.witnesses.map((endpoint) => ({
    endpoint,
    size: null,
    cosignedNote: null,
    failures: 0,
    retryAt: 0,
  }));
  let target: { treeSize: number; note: string } | null = null;
  let running = true;
  let round: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;

  // The sizes each witness held at the last start are only a hint (the database may be older
  // than the witness): a 409 corrects them.
  const loaded = readWitnessStatuses(pool).then(
    (rows) => {
      for (const t of tracks) t.size = rows.find((r) => r.witnessKey === t.endpoint.verifierKey)?.cosignedTreeSize ?? 0;
    },
    () => tracks.forEach((t) => (t.size = 0)),
  );

  const prove = (newSize: number) => async (oldSize: number) =>
    oldSize === 0 || oldSize === newSize ? [] : (await getConsistencyProof({ pool, oldSize, newSize })).proof;

  async function pushOne(t: TWitnessTrack, cp: { treeSize: number; note: string }) {
    const result = await pushCheckpoint({
      witness: t.endpoint,
      checkpoint: cp,
      oldSize: t.size ?? 0,
      prove: prove(cp.treeSize),
      timeoutMs: options.timeoutMs,
    }).catch((err: unknown) => ({
      ok: false as const,
      code: "refused" as const,
      witnessSize: null,
      message: `could not prove consistency: ${err instanceof Error ? err.message : String(err)}`,
    }));
    if (result.ok) {
      t.size = cp.treeSize;
      t.cosignedNote = cp.note;
      t.failures = 0;
      await recordCosignature(pool, { witness: t.endpoint, treeSize: cp.treeSize, ...result });
      return;
    }
    if (result.witnessSize !== null) t.size = result.witnessSize;
    t.failures++;
    t.retryAt = Date.now() + Math.min(maxBackoffMs, 500 * 2 ** t.failures);
    report(`[witness] ${t.endpoint.name}: checkpoint ${cp.treeSize} not cosigned: ${result.message}`);
    await recordWitnessError(pool, { witness: t.endpoint, message: result.message });
  }

  // Behind: it holds a smaller tree, or one of the same size that is not this checkpoint (after a
  // restart, or a fork: the witness then says so). A witness holding a larger tree is left alone.
  const behind = (t: TWitnessTrack) =>
    target !== null && t.cosignedNote !== target.note && (t.size ?? 0) <= target.treeSize;

  async function runRounds() {
    await loaded;
    while (running && target) {
      const cp = target;
      const due = tracks.filter((t) => behind(t) && t.retryAt <= Date.now());
      if (!due.length) break;
      await Promise.all(due.map((t) => pushOne(t, cp).catch((e) => report(`[witness] ${t.endpoint.name}: ${e}`))));
    }
    round = null;
    const waiting = tracks.filter(behind);
    if (running && waiting.length) {
      const at = Math.min(...waiting.map((t) => t.retryAt));
      if (timer) clearTimeout(timer);
      timer = setTimeout(kick, Math.max(0, at - Date.now()));
      timer.unref();
    }
  }

  function kick() {
    if (!running || round) return;
    round = runRounds();
  }

  // A restart catches the witnesses up with whatever was sealed meanwhile.
  void readLatestBlock(pool).then(
    (b) => b && offer({ treeSize: b.treeSize, checkpoint: b.checkpoint }),
    () => {},
  );

  function offer(cp: { treeSize: number; checkpoint: string }) {
    if (!tracks.length) return;
    if (!target || cp.treeSize > target.treeSize) target = { treeSize: cp.treeSize, note: cp.checkpoint };
    // A new checkpoint is worth trying at once even for a witness in backoff after a refusal.
    for (const t of tracks) if (t.failures > 0 && t.failures < 3) t.retryAt = 0;
    kick();
  }

  return {
    offer,
    async settled() {
      await loaded;
      for (;;) {
        if (round) await round;
        else if (tracks.some((t) => behind(t) && t.retryAt <= Date.now())) kick();
        else return;
      }
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await round;
    },
  };
}
