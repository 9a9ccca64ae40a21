import os from "node:os";
import { InvalidArgumentError, type Command } from "commander";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { openLocalDatabase } from "../../lib/db/local-database";
import { AppError } from "../../lib/errors";
import { createLedgerPool } from "../../lib/ledger/ledger-pool";
import { newLogSigningKey } from "../../lib/ledger/log-keys";
import { sealPendingAndRecord } from "../../lib/ledger/rollback/record-checkpoint";
import { backfillMonitor } from "../../lib/monitor/backfill-monitor";
import { MONITOR_CONSUMERS } from "../../lib/monitor/consumers";
import { startMonitor } from "../../lib/monitor/start-monitor";
import { progressBar } from "../progress-bar";

type TBackfillFlags = { consumer?: string; fromScratch?: boolean };

function niceness(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 19) throw new InvalidArgumentError("must be a whole number from 1 to 19");
  return n;
}

export function registerMonitorCommand(program: Command) {
  const monitor = program
    .command("monitor")
    .description("the monitoring pipeline behind the ledger: rollups and rules");
  monitor
    .command("backfill")
    .description("bring every monitor consumer (or one) up to the last sealed leaf, with a progress bar")
    .option("--consumer <name>", "only this consumer (rollups, rules)")
    .option(
      "--from-scratch",
      "reset the consumer first and read the whole ledger again: rollups are rebuilt; alerts are kept and only findings not raised yet are added",
    )
    .action(async (flags: TBackfillFlags) => {
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      const pool = createLedgerPool(db.url, 3);
      const bars = new Map<string, ReturnType<typeof progressBar>>();
      try {
        // Anything still queued is sealed first, so the backfill covers it.
        await sealPendingAndRecord(pool).catch(() => {});
        const results = await backfillMonitor(pool, {
          consumer: flags.consumer,
          fromScratch: flags.fromScratch,
          onProgress: (p) => {
            let bar = bars.get(p.consumer);
            if (!bar) bars.set(p.consumer, (bar = progressBar(p.consumer.padEnd(8))));
            bar.update(Number(p.watermark + 1n), Number(p.treeSize));
          },
        });
        for (const bar of bars.values()) bar.done();
        // The alerts' raising transitions are anchored: seal them now rather than at the app's next seal.
        await sealPendingAndRecord(pool).catch(() => {});
        for (const r of results) {
          const rate = r.ms > 0 ? Math.round((r.events * 1000) / r.ms) : r.events;
          console.log(
            `${r.consumer}: ${r.events.toLocaleString("en-US")} events in ${(r.ms / 1000).toFixed(1)} s (${rate.toLocaleString("en-US")} events/s)`,
          );
        }
      } catch (err) {
        if (err instanceof AppError) program.error(err.message, { exitCode: 2 });
        throw err;
      } finally {
        await pool.end();
        await db.stop();
      }
    });
  monitor
    .command("follow")
    .description(
      "run the monitor (rollups, then the rules) in this process until stopped, behind whichever instance seals; for app instances started with HL_MONITOR=off",
    )
    .option(
      "--nice <n>",
      "lower this process's CPU priority by n (1–19), so that on shared cores the app's requests and the sequencer come first and the monitor takes what they leave",
      niceness,
    )
    .action(async (flags: { nice?: number }) => {
      // First, so that every thread this process starts later inherits the priority.
      if (flags.nice) os.setPriority(Math.min(19, os.getPriority() + flags.nice));
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      const pool = createLedgerPool(db.url, 3);
      pool.on("error", (err) => console.error("[monitor]", err.message));
      const follower = startMonitor({ pool, consumers: MONITOR_CONSUMERS });
      console.log(`following the ledger: rollups and rules, nice ${os.getPriority()} (stop with Ctrl-C)`);
      await new Promise<void>((resolve) => {
        process.once("SIGTERM", resolve);
        process.once("SIGINT", resolve);
      });
      await follower.stop();
      await pool.end();
      await db.stop();
      console.log("stopped");
    });
}
