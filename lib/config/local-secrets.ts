import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runtimeEnv } from "./runtime-env";

const random32 = () => crypto.randomBytes(32).toString("base64");
/** URL-safe, so it goes into a connection string as it is. */
const randomPassword = () => crypto.randomBytes(24).toString("base64url");

export type TLocalSecretsOptions = {
  /** Where the secrets are kept; HL_SECRETS_FILE when omitted. */
  file?: string;
  /**
   * Makes a checkpoint signing key for a log origin (newLogSigningKey in lib/ledger/log-keys.ts).
   * The caller passes it in because the signed-note format belongs to the ledger, and the ledger
   * reads its configuration from here: lib/config depends on no other part of lib/.
   */
  newLogSigningKey: (origin: string) => string;
};

export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split("\n")) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return out;
}

/**
 * Load .secrets/local.env into process.env (real environment variables win) and generate any
 * secret that is still missing into that file, with a warning: losing the file makes existing
 * data unreadable, and production must never rely on generated keys.
 */
export function loadLocalSecrets(opts: TLocalSecretsOptions): string[] {
  const env = runtimeEnv();
  const file = path.resolve(opts.file ?? env.HL_SECRETS_FILE);
  /** Secrets a development machine may generate for itself. Production supplies its own. */
  const GENERATED: Record<string, () => string> = {
    NEXTAUTH_SECRET: () => crypto.randomBytes(48).toString("base64url"),
    HL_KEK: random32,
    HL_BLIND_INDEX_KEY: random32,
    HL_LEDGER_WRITER_KEY: random32,
    HL_REPORT_SIGNING_KEY: random32,
    HL_LOG_SIGNING_KEY: () => opts.newLogSigningKey(env.HL_LOG_ORIGIN),
    // The embedded PostgreSQL's roles (docs/database-roles.md); an external DATABASE_URL has its own.
    ...(env.DATABASE_URL
      ? {}
      : {
          HL_PG_SUPERUSER_PASSWORD: randomPassword,
          HL_PG_OWNER_PASSWORD: randomPassword,
          HL_PG_APP_PASSWORD: randomPassword,
        }),
  };
  const stored = fs.existsSync(file) ? parseEnvFile(fs.readFileSync(file, "utf8")) : {};
  const generated: string[] = [];
  for (const [name, make] of Object.entries(GENERATED)) {
    if (process.env[name]) continue;
    if (!stored[name]) {
      stored[name] = make();
      generated.push(name);
    }
    process.env[name] = stored[name];
  }
  if (generated.length) {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    const body =
      Object.entries(stored)
        .map(([k, v]) => `${k}=${v}`)
        .join("\n") + "\n";
    fs.writeFileSync(file, body, { mode: 0o600 });
    console.warn(
      `WARNING: generated ${generated.join(", ")} into ${path.relative(process.cwd(), file)}.\n` +
        "         Fine for development; production must supply its own keys (see .env.example).",
    );
  }
  return generated;
}
