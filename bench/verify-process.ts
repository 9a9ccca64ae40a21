// Full verification as `npm run healthledger -- verify` runs it: in a process of its own, with
// its worker threads, against DATABASE_URL. Prints the result as one JSON line for the benchmark.
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { requireDatabaseUrl } from "../lib/config/runtime-env";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { createLedgerPool } from "../lib/ledger/ledger-pool";
import { rehashInWorkers } from "../lib/ledger/verify/rehash-workers";
import { verifyLedger } from "../lib/ledger/verify/verify-ledger";

loadLocalSecrets({ newLogSigningKey }); // the benchmark passes its keys in the environment, which wins
const url = requireDatabaseUrl();
const pool = createLedgerPool(url, 2);
try {
  const r = await verifyLedger({ pool, startWorkers: rehashInWorkers(pool) });
  console.log(
    JSON.stringify({
      ok: r.ok,
      findingCount: r.findingCount,
      findings: r.findings.slice(0, 3),
      entriesVerified: r.entriesVerified,
      blocksVerified: r.blocksVerified,
      rowsPerSecond: r.rowsPerSecond,
    }),
  );
} finally {
  await pool.end();
}
