import type { Command } from "commander";
import { serverEnv } from "../../lib/config/env";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { runtimeEnv } from "../../lib/config/runtime-env";
import { newLogSigningKey } from "../../lib/ledger/log-keys";
import { openLocalDatabase } from "../../lib/db/local-database";
import { createPrismaClient } from "../../lib/db/prisma";
import { generateSignerKey, isValidKeyName } from "../../lib/ledger/tlog/note";
import { rewrapMfaSecrets } from "../../lib/auth/rewrap-mfa-secrets";
import { rehashBlindIndexes } from "../../lib/vault/rehash-blind-indexes";
import { rotateKek } from "../../lib/vault/rotate-kek";
import { rewrapCaseKeys } from "../../lib/monitor/cases/rewrap-case-keys";

export function registerKeysCommand(program: Command) {
  const keys = program.command("keys").description("generate and manage keys");
  keys
    .command("generate", { isDefault: true })
    .description("print a new Ed25519 checkpoint signing key (C2SP signed-note format) and its verifier key")
    .option("--origin <origin>", "log origin / key name", runtimeEnv().HL_LOG_ORIGIN)
    .action((opts: { origin: string }) => {
      if (!isValidKeyName(opts.origin)) {
        program.error(`invalid key name ${JSON.stringify(opts.origin)}: no spaces, "+" or newlines`, { exitCode: 2 });
      }
      const { signerKey, verifierKey } = generateSignerKey(opts.origin);
      console.log(`# Keep the private key out of the database and out of version control (env or a KMS).`);
      console.log(`HL_LOG_ORIGIN=${opts.origin}`);
      console.log(`HL_LOG_SIGNING_KEY=${signerKey}`);
      console.log(`# Public verifier key (publish it; give it to witnesses and regulators):`);
      console.log(`# ${verifierKey}`);
    });
  keys
    .command("rotate-kek")
    .description(
      "re-wrap every patient data key under the current KEK (HL_KEK), opening old wrappings with HL_KEK_PREVIOUS; records are not touched; resumable",
    )
    .option("--batch <n>", "patients per transaction", "500")
    .action(async (opts: { batch: string }) => {
      loadLocalSecrets({ newLogSigningKey });
      if (!serverEnv().HL_KEK_PREVIOUS) {
        program.error(
          "set HL_KEK_PREVIOUS (and HL_KEK_PREVIOUS_ID) to the old key and HL_KEK / HL_KEK_ID to the new one; see docs/key-rotation.md",
          { exitCode: 2 },
        );
      }
      const db = await openLocalDatabase();
      const prisma = createPrismaClient(db.url);
      try {
        const started = Date.now();
        const r = await rotateKek(prisma, {
          batchSize: Math.max(1, Number(opts.batch) || 500),
          onProgress: ({ rotated, total }) => process.stderr.write(`\rre-wrapped ${rotated} / ${total} patient keys`),
        });
        process.stderr.write("\n");
        console.log(
          `KEK ${r.kekId}: ${r.rotated} re-wrapped, ${r.alreadyCurrent} already current, ${r.failed.length} failed in ${Date.now() - started} ms`,
        );
        const cases = await rewrapCaseKeys(prisma);
        console.log(
          `privacy case keys: ${cases.rewrapped} re-wrapped, ${cases.alreadyCurrent} already current, ${cases.failed.length} failed`,
        );
        if (cases.failed.length) {
          console.error(
            `could not unwrap ${cases.failed.length} case key(s) with HL_KEK or HL_KEK_PREVIOUS (case ids): ${cases.failed.slice(0, 20).join(", ")}`,
          );
        }
        const mfa = await rewrapMfaSecrets(prisma);
        console.log(
          `TOTP secrets: ${mfa.rewrapped} re-sealed, ${mfa.alreadyCurrent} already current, ${mfa.failed.length} failed`,
        );
        if (mfa.failed.length) {
          console.error(
            `could not open the TOTP secret of ${mfa.failed.length} user(s) with HL_KEK or HL_KEK_PREVIOUS: ${mfa.failed.slice(0, 20).join(", ")}`,
          );
        }
        if (r.failed.length) {
          console.error(
            `could not unwrap ${r.failed.length} key(s) with HL_KEK or HL_KEK_PREVIOUS (patient ids): ${r.failed.slice(0, 20).join(", ")}`,
          );
        }
        if (r.failed.length || mfa.failed.length || cases.failed.length) process.exitCode = 1;
        else
          console.log(
            "done: remove HL_KEK_PREVIOUS / HL_KEK_PREVIOUS_ID from the configuration and destroy the old key.",
          );
      } finally {
        await prisma.$disconnect();
        await db.stop();
      }
    });
  keys
    .command("rehash-blind-indexes")
    .description(
      "recompute every patient's blind indexes (MRN, last name, address) from the decrypted record: after a change of normalisation or of HL_BLIND_INDEX_KEY; idempotent",
    )
    .action(async () => {
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      const prisma = createPrismaClient(db.url);
      try {
        const r = await rehashBlindIndexes(prisma);
        console.log(`blind indexes: ${r.checked} patients checked, ${r.changed} re-indexed, ${r.failed.length} failed`);
        if (r.failed.length) {
          console.error(`could not re-index (patient ids): ${r.failed.slice(0, 20).join(", ")}`);
          process.exitCode = 1;
        }
      } finally {
        await prisma.$disconnect();
        await db.stop();
      }
    });
}
