// What a test needs to issue reports against a real database: the issuer's dependencies and a
// background loop doing what the app runs beside a request (the sequencer sealing what is
// queued, and two witnesses cosigning the newest checkpoint).
import { getLogKeys } from "@/lib/ledger/log-keys";
import type { LedgerPool } from "@/lib/ledger/ledger-pool";
import { readLatestBlock } from "@/lib/ledger/read-ledger-state";
import { sealPending } from "@/lib/ledger/seal/seal-pending";
import { cosignCheckpoint } from "@/lib/ledger/tlog/checkpoint";
import { parseNote, parseSignerKey, parseVerifierKey } from "@/lib/ledger/tlog/note";
import { generateWitnessKey } from "@/lib/ledger/witness/witness-key";
import type { TWitnessSetup } from "@/lib/ledger/witness/witness-endpoints";
import { recordCosignature } from "@/lib/ledger/witness/witness-records";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { makeTestEvidence, type TTestEvidence } from "@/lib/reports/pdf/testing/test-evidence";
import type { TIssueReportDeps } from "../issue-report";

export type TIssueHarness = { deps: TIssueReportDeps; evidence: TTestEvidence; stop: () => Promise<void> };

type TWitnessKey = ReturnType<typeof generateWitnessKey>;
export type TTestWitnesses = { keys: TWitnessKey[]; setup: TWitnessSetup };

/** Two witnesses, W1 and W2, and a policy that needs both. */
export function testWitnesses(): TTestWitnesses {
  const keys = ["w1.test", "w2.test"].map((n) => generateWitnessKey(n));
  return {
    keys,
    setup: {
      quorum: 2,
      witnesses: keys.map((k, i) => ({
        name: `W${i + 1}`,
        url: `http://127.0.0.1:${7100 + i}/`,
        verifierKey: k.verifierKey,
        verifier: parseVerifierKey(k.verifierKey),
      })),
    },
  };
}

/** Seal what is queued, then have the first `up` witnesses cosign the newest checkpoint. */
export async function sealAndCosign(
  pool: LedgerPool,
  w: TTestWitnesses,
  o: { up?: number; timestamp?: () => number } = {},
): Promise<void> {
  await sealPending({ pool });
  const block = await readLatestBlock(pool);
  if (!block) return;
  const body = parseNote(block.checkpoint).text;
  for (const [i, k] of w.keys.slice(0, o.up ?? w.keys.length).entries()) {
    const timestamp = o.timestamp?.() ?? Math.floor(Date.now() / 1000);
    const cosignature = cosignCheckpoint({ body, signer: parseSignerKey(k.signerKey), timestamp });
    await recordCosignature(pool, { witness: w.setup.witnesses[i], treeSize: block.treeSize, cosignature, timestamp });
  }
}

export async function startIssueHarness(prisma: PrismaClient, pool: LedgerPool): Promise<TIssueHarness> {
  const witnesses = testWitnesses();
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await sealAndCosign(pool, witnesses);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const evidence = await makeTestEvidence();
  const deps: TIssueReportDeps = {
    prisma,
    pool,
    setup: witnesses.setup,
    logKeys: getLogKeys(),
    signer: evidence,
    sealTimeoutMs: 20_000,
    quorumTimeoutMs: 5_000,
  };
  return {
    deps,
    evidence,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}
