import type { Command } from "commander";
import { isValidKeyName } from "../../lib/ledger/tlog/note";
import { createWitnessKeyFile, readWitnessKeyFile } from "../../lib/ledger/witness/witness-key";
import { logsByOrigin, startWitnessServer } from "../../lib/ledger/witness/witness-server";
import { openWitnessState } from "../../lib/ledger/witness/witness-state";

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerWitnessCommand(program: Command) {
  const witness = program
    .command("witness")
    .description("run a C2SP tlog-witness that cosigns this (or any) log's checkpoints, with its own key and state");
  witness
    .command("keygen")
    .description("create a witness key file (never overwrites one) and print its verifier key for HL_WITNESSES")
    .requiredOption("--name <name>", "the witness's key name, e.g. witness.example.org/w1")
    .requiredOption("--key <file>", "where to write the private key (mode 0600)")
    .action(async (opts: { name: string; key: string }) => {
      if (!isValidKeyName(opts.name))
        program.error(`invalid key name ${JSON.stringify(opts.name)}: no spaces, "+" or newlines`, { exitCode: 2 });
      try {
        console.log(await createWitnessKeyFile({ file: opts.key, name: opts.name }));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST")
          program.error(`${opts.key} exists already: a witness keeps its key`, { exitCode: 2 });
        throw err;
      }
    });
  witness
    .command("vkey")
    .description("print the verifier key of a witness key file")
    .requiredOption("--key <file>", "the witness's private key file")
    .action(async (opts: { key: string }) => console.log((await readWitnessKeyFile(opts.key)).verifierKey));
  witness
    .command("serve")
    .description("serve POST /add-checkpoint (c2sp.org/tlog-witness) and GET /checkpoint?origin=… on 127.0.0.1")
    .requiredOption("--key <file>", "the witness's private key file (witness keygen)")
    .requiredOption("--state <file>", "its state: the latest checkpoint cosigned per log (created if missing)")
    .requiredOption("--port <n>", "port to listen on")
    .option("--host <address>", "address to listen on", "127.0.0.1")
    .option("--quiet", "log refusals and errors only, not every cosignature")
    .option(
      "--log <vkey>",
      "verifier key of a log to witness (repeatable); its key name is the log's origin",
      collect,
      [],
    )
    .action(
      async (opts: { key: string; state: string; port: string; host: string; log: string[]; quiet?: boolean }) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          program.error("--port must be 0–65535", { exitCode: 2 });
        if (!opts.log.length) program.error("name at least one log with --log <vkey>", { exitCode: 2 });
        let started;
        try {
          const { signer, verifierKey } = await readWitnessKeyFile(opts.key);
          logsByOrigin(opts.log); // a malformed --log is refused before the state is locked
          const state = await openWitnessState(opts.state);
          const log = (line: string) =>
            opts.quiet && line.startsWith("[witness] cosigned") ? undefined : console.log(line);
          const server = await startWitnessServer({ signer, state, logKeys: opts.log, port, host: opts.host, log });
          started = { signer, verifierKey, server };
        } catch (err) {
          program.error(`witness: ${err instanceof Error ? err.message : String(err)}`, { exitCode: 2 });
        }
        const { signer, verifierKey, server } = started;
        console.log(`› witness ${signer.name} on ${server.url}`);
        console.log(`  verifier key ${verifierKey}`);
        await new Promise<void>((resolve) => {
          const stop = () => void server.close().then(resolve);
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
      },
    );
}
