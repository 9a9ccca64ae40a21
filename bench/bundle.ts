// Evidence-bundle benchmark: citations.json for 10,000 and 100,000 cited events of a sealed
// ledger, read in chunks from the tiles (streamCitations), against asking getInclusionProof once
// per event (the per-leaf API path, timed on a sample); then the whole ZIP streamed with 100,000
// citations (peak memory beside it), and the offline verifier over those citations. With --issue:
// a real report citing 100,000 events issued and downloaded as the app does it (bench/issue-report.ts).
import { withTransaction } from "../lib/db/with-transaction";
import { createLedgerPool } from "../lib/ledger/ledger-pool";
import { getCheckpoint } from "../lib/ledger/proofs/get-checkpoint";
import { getInclusionProof } from "../lib/ledger/proofs/get-inclusion-proof";
import { sealPending } from "../lib/ledger/seal/seal-pending";
import { insertAccessEvents } from "../lib/ledger/testing/ledger-fixtures";
import { writeEvidenceBundle } from "../lib/reports/bundle/build-evidence-bundle";
import { streamCitations } from "../lib/reports/bundle/stream-citations";
import { verifyCitations } from "../lib/reports/verify/citations";
import { openBenchDatabase } from "./bench-database";
import { runIssueBench } from "./issue-report";
import { printTable, type TRow } from "./report";

const arg = (args: string[], name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

/** `count` distinct indexes spread over the tree, deterministic. */
const spread = (count: number, treeSize: number) =>
  Array.from({ length: count }, (_, i) => Math.floor((i * treeSize) / count) + (i % 3)).filter((x) => x < treeSize);

export async function run(args: string[]) {
  if (args.includes("--issue"))
    return runIssueBench({ events: arg(args, "events", 100_000), runs: arg(args, "runs", 2) });
  const leaves = arg(args, "leaves", 300_000);
  const db = await openBenchDatabase();
  const pool = createLedgerPool(db.url, 8);
  try {
    for (let seeded = 0; seeded < leaves; seeded += 20_000) {
      const n = Math.min(20_000, leaves - seeded);
      await withTransaction(pool, (c) => insertAccessEvents(c, n, seeded));
      await sealPending({ pool });
    }
    const head = await getCheckpoint({ pool });
    const tree = { treeSize: head.treeSize, rootHash: head.rootHash };
    const rows: TRow[] = [];
    const sample = spread(1_000, tree.treeSize);
    let t0 = performance.now();
    for (const index of sample) await getInclusionProof({ pool, index, treeSize: tree.treeSize });
    const perLeafMs = (performance.now() - t0) / sample.length;
    let text = "";
    for (const cited of [10_000, 100_000]) {
      const indexes = spread(cited, tree.treeSize);
      t0 = performance.now();
      text = "";
      for await (const chunk of streamCitations({ db: pool, indexes, tree })) text += chunk;
      const ms = performance.now() - t0;
      rows.push({
        name: `citations.json, ${cited.toLocaleString("en-US")} cited events`,
        value: ms / 1000,
        unit: "s",
        baseline: (perLeafMs * cited) / 1000,
        note: `${(text.length / 2 ** 20).toFixed(1)} MiB; baseline: getInclusionProof per event (${perLeafMs.toFixed(2)} ms each on a sample of 1,000)`,
        ...(cited === 10_000 ? { target: { text: "< 10 s", met: ms < 10_000 } } : {}),
      });
    }
    t0 = performance.now();
    const verified = verifyCitations(text, tree);
    rows.push({
      name: "verifyCitations, 100,000 cited events",
      value: (performance.now() - t0) / 1000,
      unit: "s",
      note: verified.ok ? "@noble hashes, as in a browser" : `FAILED: ${verified.problem}`,
    });
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let bytes = 0;
    t0 = performance.now();
    await writeEvidenceBundle(
      {
        reportJson: "{}",
        rowsCsv: "",
        citations: streamCitations({ db: pool, indexes: spread(100_000, tree.treeSize), tree }),
        tlogProof: "c2sp.org/tlog-proof@v1\nindex 0\n\n",
        policy: "quorum none\n",
        logKey: "bench",
        predicate: {
          reportType: "audit_log_review",
          scope: "organization",
          period: { start: "2026-01-01T00:00:00.000Z", end: "2026-02-01T00:00:00.000Z" },
          issuedAt: "2026-02-01T00:00:00.000Z",
          reportLeafIndex: 0,
          checkpointSize: tree.treeSize,
        },
        signingKey: { seed: new Uint8Array(32).fill(1), publicKey: new Uint8Array(32) },
      },
      (chunk) => {
        bytes += chunk.length;
        peak = Math.max(peak, process.memoryUsage().rss);
      },
    );
    rows.push({
      name: "whole ZIP streamed, 100,000 cited events",
      value: (performance.now() - t0) / 1000,
      unit: "s",
      note: `${(bytes / 2 ** 20).toFixed(1)} MiB written; resident memory grew ${((peak - rssBefore) / 2 ** 20).toFixed(0)} MiB`,
    });
    printTable(
      `Evidence bundle citations from a sealed ledger of ${tree.treeSize.toLocaleString("en-US")} leaves`,
      rows,
    );
  } finally {
    await pool.end();
    await db.stop();
  }
}
