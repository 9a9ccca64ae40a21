// The app as the e2e suite sees it: production build, fresh embedded PostgreSQL with demo data.
import fs from "node:fs";
import path from "node:path";

const dataDir = path.resolve(".data/e2e-pg");
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.HL_DATA_DIR = dataDir;
process.env.HL_PG_PORT ??= "54340";
// Keys for this throwaway database only; never the developer's .secrets.
process.env.HL_SECRETS_FILE = path.resolve(".secrets/e2e.env");
fs.rmSync(process.env.HL_SECRETS_FILE, { force: true });
delete process.env.DATABASE_URL;
await import("./start");
