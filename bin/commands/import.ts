import fs from "node:fs";
import type { Command } from "commander";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { setDatabaseUrl } from "../../lib/config/runtime-env";
import { newLogSigningKey } from "../../lib/ledger/log-keys";
import { openLocalDatabase } from "../../lib/db/local-database";
import { createPrismaClient } from "../../lib/db/prisma";
import { AppError } from "../../lib/errors";
import { importBundle } from "../../lib/fhir/import-bundle";
import { sealPendingAndRecord } from "../../lib/ledger/rollback/record-checkpoint";

export function registerImportCommand(program: Command) {
  program
    .command("import <bundle>")
    .description(
      "import a FHIR R4 Bundle (transaction or collection) of patients and their records: all of it or nothing",
    )
    .action(async (file: string) => {
      let bundle: unknown;
      try {
        bundle = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch (err) {
        program.error(`cannot read ${file} as JSON: ${(err as Error).message}`, { exitCode: 2 });
      }
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      setDatabaseUrl(db.url);
      const prisma = createPrismaClient(db.url);
      try {
        const result = await importBundle(prisma, { bundle, actor: null, network: "cli" });
        await sealPendingAndRecord();
        const records = result.patients.reduce((n, p) => n + p.records, 0);
        console.log(`imported ${result.patients.length} patient(s) with ${records} record(s); anchored in the ledger`);
        for (const p of result.patients) console.log(`  ${p.pseudonym}  ${p.records} records`);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        console.error(`${err.message}${err.code === "unprocessable" ? " Nothing was imported." : ""}`);
        for (const d of err.details ?? []) console.error(`  ${d.path}: ${d.message}`);
        process.exitCode = 1;
      } finally {
        await prisma.$disconnect();
        await db.stop();
      }
    });
}
