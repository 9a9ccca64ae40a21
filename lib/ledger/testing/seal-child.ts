// Child process for the crash test: seals one big batch so the parent can SIGKILL it mid-seal.
// Run with: node --import tsx --conditions=react-server lib/ledger/testing/seal-child.ts <maxRows>
import { requireDatabaseUrl } from "@/lib/config/runtime-env";
import { createLedgerPool } from "../ledger-pool";
import { sealBatch } from "../seal/seal-batch";

const pool = createLedgerPool(requireDatabaseUrl(), 1);
process.stdout.write("sealing\n");
const r = await sealBatch({ pool, maxRows: Number(process.argv[2] ?? 100_000) });
process.stdout.write(`sealed ${r.sealed}\n`);
await pool.end();
