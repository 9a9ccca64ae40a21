// Prisma 6.19 with the WASM schema engine and the pg driver adapter: no engine binaries are
// downloaded, so `generate` and `migrate deploy` work offline.
process.env.DATABASE_URL ||= "postgresql://localhost:5432/placeholder";

import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { poolConfigFromUrl } from "./lib/db/pool-config";

type TScriptAdapter = {
  executeScript(script: string): Promise<void>;
  client: { query(sql: string): Promise<unknown> };
  onError(e: unknown): never;
};

/**
 * The pg adapter runs a migration by splitting it on every ";", which breaks PL/pgSQL bodies
 * (our append-only triggers). PostgreSQL's simple query protocol takes the whole script in one
 * round trip — and runs it as one implicit transaction, so a failing migration leaves nothing
 * half-applied.
 */
class WholeScriptPrismaPg extends PrismaPg {
  async connect() {
    const adapter = (await super.connect()) as unknown as TScriptAdapter;
    adapter.executeScript = async (script: string) => {
      try {
        await adapter.client.query(script);
      } catch (error) {
        adapter.onError(error);
      }
    };
    return adapter as unknown as Awaited<ReturnType<PrismaPg["connect"]>>;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new WholeScriptPrismaPg(poolConfigFromUrl(process.env.DATABASE_URL!));
  },
});
