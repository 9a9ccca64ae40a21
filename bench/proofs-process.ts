// Inclusion-proof latency as a server process sees it: a fresh process with its own pool,
// against DATABASE_URL, not the benchmark's process with a million rows' history in its heap.
// Usage: proofs-process.ts <treeSize> <count>. Prints {p50, p99} in ms as one JSON line.
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { requireDatabaseUrl } from "../lib/config/runtime-env";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { getInclusionProof } from "../lib/ledger/proofs/get-inclusion-proof";
import { createLedgerPool } from "../lib/ledger/ledger-pool";
import { percentile } from "./report";

loadLocalSecrets({ newLogSigningKey }); // the benchmark passes its keys in the environment, which wins
const url = requireDatabaseUrl();
const [treeSize, count] = process.argv.slice(2).map(Number);
const pool = createLedgerPool(url, 4);
try {
  // A proof server in service has compiled its hot code and cached its upper tiles long ago; the
  // first few hundred proofs of a new process are slower while V8 compiles (p99 about half as
  // high again, measured). Measure the process in service: warm it with 1,000 random proofs.
  for (let i = 0; i < 1_000; i++)
    await getInclusionProof({ pool, index: Math.floor(Math.random() * treeSize), treeSize });
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const index = Math.floor(Math.random() * treeSize);
    const t0 = performance.now();
    await getInclusionProof({ pool, index, treeSize });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ p50: percentile(times, 50), p99: percentile(times, 99) }));
} finally {
  await pool.end();
}
