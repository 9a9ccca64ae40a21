import fs from "node:fs";
import type { Command } from "commander";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { getLogKeys, newLogSigningKey } from "../../lib/ledger/log-keys";
import { parseVerifierKey } from "../../lib/ledger/tlog/note";
import { checkTrustedCheckpoint, MAX_TRUSTED_CHECKPOINT_BYTES } from "../../lib/ledger/verify/check-trusted-checkpoint";
import { openLocalDatabase } from "../../lib/db/local-database";
import { createLedgerPool } from "../../lib/ledger/ledger-pool";
import { rehashInWorkers } from "../../lib/ledger/verify/rehash-workers";
import { runVerification } from "../../lib/ledger/verify/run-verification";
import { sealPendingAndRecord } from "../../lib/ledger/rollback/record-checkpoint";
import { verifyRecords } from "../../lib/vault/verify-records";
import { progressBar } from "../progress-bar";

type TVerifyFlags = { json?: boolean; deep?: boolean; trustedCheckpoint?: string; logKey?: string };

/** The note in --trusted-checkpoint, read whole but bounded; exits 2 on a file that cannot be one. */
function readCheckpointFile(program: Command, file: string): string {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch (err) {
    return program.error(`cannot read ${file}: ${(err as Error).message}`, { exitCode: 2 });
  }
  if (size > MAX_TRUSTED_CHECKPOINT_BYTES)
    program.error(`${file} is ${size} bytes: a signed checkpoint is at most ${MAX_TRUSTED_CHECKPOINT_BYTES}`, {
      exitCode: 2,
    });
  return fs.readFileSync(file, "utf8");
}

export function registerVerifyCommand(program: Command) {
  program
    .command("verify")
    .description("verify the whole ledger: every anchored row, leaf, tile, block link, root and checkpoint signature")
    .option("--json", 'print {"ok", "treeSize", "findings": [{"index", "table", "rowId", "code", "problem"}]}')
    .option("--deep", "also decrypt every record version with the configured keys and re-check its commitment")
    .option(
      "--trusted-checkpoint <file>",
      "a C2SP signed checkpoint kept outside this database: fail when the database's tree is behind it or not consistent with it",
    )
    .option(
      "--log-key <vkey>",
      "the log's public key (C2SP vkey) to check --trusted-checkpoint with; default: the configured log key",
    )
    .action(async (flags: TVerifyFlags) => {
      const note = flags.trustedCheckpoint ? readCheckpointFile(program, flags.trustedCheckpoint) : null;
      if (flags.logKey) {
        try {
          parseVerifierKey(flags.logKey);
        } catch (err) {
          program.error(`--log-key: ${(err as Error).message}`, { exitCode: 2 });
        }
      }
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      const pool = createLedgerPool(db.url, 3);
      const bar = flags.json ? null : progressBar("verifying");
      try {
        // Record-level checks join the same recorded run: ciphertext hashes, swaps, missing
        // versions; with --deep, decryption and commitments. Erased patients are not findings.
        let records: Awaited<ReturnType<typeof verifyRecords>> | undefined;
        let trusted: Awaited<ReturnType<typeof checkTrustedCheckpoint>> | undefined;
        const run = await runVerification({
          pool,
          startWorkers: rehashInWorkers(pool),
          onProgress: bar?.update,
          extra: async () => {
            records = await verifyRecords({ pool, deep: !!flags.deep });
            if (note === null) return records;
            // Against a checkpoint kept elsewhere: catches a database restored or rebuilt as a
            // whole, which is consistent with itself and so passes every check above.
            const keys = getLogKeys();
            trusted = await checkTrustedCheckpoint({
              db: pool,
              note,
              verifierKey: flags.logKey ?? keys.verifierKey,
              origin: keys.origin,
            });
            return {
              ok: records.ok && trusted.findings.length === 0,
              findings: [...records.findings, ...trusted.findings],
              findingCount: records.findingCount + trusted.findings.length,
            };
          },
        });
        bar?.done();
        // Anchor the recorded run now rather than whenever an app instance next seals. A
        // damaged ledger refuses new seals, so then the run stays queued (and says so).
        await sealPendingAndRecord(pool).catch(() => {});
        if (flags.json) {
          const findings = run.findings.map((f) => ({
            index: f.index,
            table: f.table,
            rowId: f.rowId,
            blockHeight: f.blockHeight,
            code: f.code,
            problem: f.problem,
          }));
          console.log(
            JSON.stringify({
              ok: run.ok,
              treeSize: run.treeSize,
              findingCount: run.findingCount,
              findings,
              erased: records!.erased,
              deep: records!.deep,
              runId: run.runId,
              ...(trusted && {
                trustedCheckpoint: {
                  treeSize: trusted.checkpoint?.treeSize ?? null,
                  ok: trusted.findings.length === 0,
                },
              }),
            }),
          );
        } else {
          printHuman(run);
          if (trusted)
            console.log(
              trusted.findings.length === 0
                ? `trusted checkpoint (tree size ${trusted.checkpoint!.treeSize.toLocaleString("en-US")}): signed by the log key, and this database extends it`
                : `trusted checkpoint: FAILED (${trusted.findings.map((f) => f.code).join(", ")})`,
            );
          console.log(
            `records: ${records!.versionsChecked.toLocaleString("en-US")} versions checked${records!.deep ? " (decrypted, commitments recomputed)" : ""}; ${records!.erased.patients} erased patient(s), ${records!.erased.versions} version(s) unreadable by design`,
          );
        }
        process.exitCode = run.ok ? 0 : 1;
      } finally {
        await pool.end();
        await db.stop();
      }
    });
}

function printHuman(run: Awaited<ReturnType<typeof runVerification>>) {
  const rate = Math.round(run.rowsPerSecond).toLocaleString("en-US");
  console.log(
    `tree size ${run.treeSize.toLocaleString("en-US")}: ${run.entriesVerified.toLocaleString("en-US")} leaves and ${run.blocksVerified} blocks checked in ${(run.durationMs / 1000).toFixed(1)} s (${rate} rows/s)`,
  );
  if (run.ok) {
    console.log("OK — every row, leaf, tile, block and checkpoint signature verifies");
  } else {
    console.log(
      `FAILED — ${run.findingCount} finding(s)${run.findingCount > run.findings.length ? `, first ${run.findings.length} shown` : ""}:`,
    );
    for (const f of run.findings) {
      const where = [
        f.index !== null ? `index ${f.index}` : null,
        f.table ? `${f.table}${f.rowId ? ` ${f.rowId}` : ""}` : null,
        f.blockHeight !== null ? `block ${f.blockHeight}` : null,
      ]
        .filter(Boolean)
        .join(", ");
      console.log(`  ${where}: ${f.problem}`);
    }
  }
  console.log(`recorded as verification run ${run.runId} (anchored in the ledger)`);
}
