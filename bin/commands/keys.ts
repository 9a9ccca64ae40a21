import type { Command } from "commander";
import { generateSignerKey, isValidKeyName } from "../../lib/ledger/note";

export function registerKeysCommand(program: Command) {
  const keys = program.command("keys").description("generate and manage keys");
  keys
    .command("generate", { isDefault: true })
    .description("print a new Ed25519 checkpoint signing key (C2SP signed-note format) and its verifier key")
    .option("--origin <origin>", "log origin / key name", process.env.HL_LOG_ORIGIN ?? "healthledger.example/log")
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
}
