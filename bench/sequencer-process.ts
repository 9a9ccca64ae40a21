// A sequencer in a process of its own on DATABASE_URL, for `bench ledger --sequencer process`: an
// instance that only seals, beside writing instances started with HL_SEQUENCER=off. Prints
// "ready", then one JSON line per block it seals ({ at: epoch ms, treeSize }), until SIGTERM.
// Nothing wakes it across processes but its own poll (every 200 ms), as for such an instance.
import { loadLocalSecrets } from "../lib/config/local-secrets";
import { createLedgerPool } from "../lib/ledger/ledger-pool";
import { newLogSigningKey } from "../lib/ledger/log-keys";
import { startSequencer } from "../lib/ledger/seal/sequencer";

loadLocalSecrets({ newLogSigningKey });
const pool = createLedgerPool(process.env.DATABASE_URL!, 2);
pool.on("error", () => {});
const sequencer = startSequencer({
  pool,
  listen: false,
  onSeal: (r) => {
    if (r.block) console.log(JSON.stringify({ at: Date.now(), treeSize: Number(r.block.treeSize) }));
  },
});
await sequencer.ready;
console.log("ready");
process.once("SIGTERM", () => {
  void sequencer
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
