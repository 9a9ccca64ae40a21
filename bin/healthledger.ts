// The healthledger CLI. Thin: parse arguments, call lib/, print. `npm run healthledger -- --help`.
import { Command } from "commander";
import { registerImportCommand } from "./commands/import";
import { registerKeysCommand } from "./commands/keys";

const program = new Command()
  .name("healthledger")
  .description("HealthLedger command line: keys, verification, import, witness")
  .showHelpAfterError();

registerKeysCommand(program);
registerImportCommand(program);

await program.parseAsync(process.argv);
