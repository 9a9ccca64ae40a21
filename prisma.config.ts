// Prisma 6.19 with the WASM schema engine and the pg driver adapter: no engine binaries are
// downloaded, so `generate` and `migrate deploy` work offline.
process.env.DATABASE_URL ||= "postgresql://localhost:5432/placeholder";

import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { poolConfigFromUrl } from "./lib/db/pool-config";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    // A short idle timeout lets the CLI exit as soon as it is done instead of after 10 s.
    return new PrismaPg({ ...poolConfigFromUrl(process.env.DATABASE_URL!), idleTimeoutMillis: 50, allowExitOnIdle: true });
  },
});
