import type { Command } from "commander";
import { loadLocalSecrets } from "../../lib/config/local-secrets";
import { newLogSigningKey } from "../../lib/ledger/log-keys";
import { openLocalDatabase } from "../../lib/db/local-database";
import { createPrismaClient } from "../../lib/db/prisma";
import { createFirstAdmin } from "../../lib/admin/create-first-admin";
import { AppError } from "../../lib/errors";
import { ZodError } from "zod";

export function registerUsersCommand(program: Command) {
  const users = program.command("users").description("accounts");
  users
    .command("create-admin")
    .description(
      "create the first administrator of a database without demo data; prints a one-time password, to be replaced at first sign-in",
    )
    .requiredOption("--email <email>", "the administrator's email address")
    .option("--name <name>", "the administrator's name", "Administrator")
    .action(async (opts: { email: string; name: string }) => {
      loadLocalSecrets({ newLogSigningKey });
      const db = await openLocalDatabase();
      const prisma = createPrismaClient(db.url, 2);
      try {
        const r = await createFirstAdmin(prisma, { email: opts.email, displayName: opts.name });
        console.log(`created administrator ${r.email}`);
        console.log(`one-time password: ${r.password}`);
        console.log("Sign in with it: you will choose your own password, then set up two-step sign-in.");
      } catch (err) {
        if (err instanceof AppError || err instanceof ZodError) {
          const message = err instanceof ZodError ? err.issues.map((i) => i.message).join(" ") : err.message;
          console.error(`error: ${message}`);
          process.exitCode = 2;
        } else throw err;
      } finally {
        await prisma.$disconnect();
        await db.stop();
      }
    });
}
