import { execFileSync } from "node:child_process";
import path from "node:path";
import { childEnv } from "@/lib/config/runtime-env";

/** Apply committed migrations with Prisma's WASM schema engine (works offline). */
export function migrateDatabase(databaseUrl: string) {
  const bin = path.resolve("node_modules/.bin/prisma");
  execFileSync(bin, ["migrate", "deploy"], {
    env: childEnv({ DATABASE_URL: databaseUrl }),
    stdio: ["ignore", "pipe", "inherit"],
  });
}
