import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { validateServerEnvironment, ZServerEnv } from "./env";
import { checkpointStateFile, runtimeEnv, ZRuntimeEnv } from "./runtime-env";

const EXAMPLE = fs.readFileSync(path.resolve(import.meta.dirname, "../../.env.example"), "utf8");

describe("environment", () => {
  it("documents every variable of both schemas in .env.example, and nothing else", () => {
    const documented = [...EXAMPLE.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]).sort();
    const declared = [...Object.keys(ZRuntimeEnv.shape), ...Object.keys(ZServerEnv.shape)].sort();
    expect(documented).toEqual(declared);
  });

  it("keeps every variable in one schema only", () => {
    const both = Object.keys(ZRuntimeEnv.shape).filter((k) => k in ZServerEnv.shape);
    expect(both).toEqual([]);
  });

  it("gives the defaults when runtime variables are unset or empty", () => {
    for (const source of [{}, { HL_VERIFY_EVERY_HOURS: "", HL_PG_PORT: "", DATABASE_URL: "" }]) {
      const env = runtimeEnv(source);
      expect(env.HL_VERIFY_EVERY_HOURS).toBe(24);
      expect(env.HL_PG_PORT).toBe(54320);
      expect(env.DATABASE_URL).toBeUndefined();
      expect(env.HL_SEQUENCER).toBe("on");
      expect(env.HL_MONITOR).toBe("on");
      expect(checkpointStateFile(env)).toEqual({ file: ".secrets/issued-checkpoints.json", isDefault: true });
    }
  });

  it("sees a variable set after an earlier read of the same environment, and a bad one still throws", () => {
    const source: Record<string, string | undefined> = {};
    expect(runtimeEnv(source).DATABASE_URL).toBeUndefined();
    source.DATABASE_URL = "postgresql://u@127.0.0.1:5432/db";
    expect(runtimeEnv(source).DATABASE_URL).toBe("postgresql://u@127.0.0.1:5432/db");
    expect(runtimeEnv(source)).toBe(runtimeEnv(source));
    source.HL_PG_PORT = "70000";
    expect(() => runtimeEnv(source)).toThrow(/HL_PG_PORT/);
    delete source.HL_PG_PORT;
    expect(runtimeEnv(source).HL_PG_PORT).toBe(54320);
  });

  it("keeps the checkpoint state outside the embedded database's directory, and makes production name it", () => {
    const env = runtimeEnv({});
    const dataDir = path.resolve(path.dirname(env.HL_DATA_DIR));
    expect(path.resolve(checkpointStateFile(env).file).startsWith(dataDir + path.sep)).toBe(false);
    const production = { ...process.env, NODE_ENV: "production", HL_CHECKPOINT_STATE_FILE: "" };
    expect(() => checkpointStateFile(runtimeEnv(production))).toThrow(/HL_CHECKPOINT_STATE_FILE: must be set/);
    expect(() => validateServerEnvironment(production)).toThrow(/HL_CHECKPOINT_STATE_FILE: must be set/);
    const named = { ...production, HL_CHECKPOINT_STATE_FILE: "/var/lib/healthledger/issued.json" };
    expect(() => validateServerEnvironment(named)).not.toThrow();
    expect(checkpointStateFile(runtimeEnv(named))).toEqual({
      file: "/var/lib/healthledger/issued.json",
      isDefault: false,
    });
  });

  it("reads the verification schedule in hours, 0 meaning off, within what setInterval can wait", () => {
    expect(runtimeEnv({ HL_VERIFY_EVERY_HOURS: "0" }).HL_VERIFY_EVERY_HOURS).toBe(0);
    expect(runtimeEnv({ HL_VERIFY_EVERY_HOURS: "0.5" }).HL_VERIFY_EVERY_HOURS).toBe(0.5);
    expect(runtimeEnv({ HL_VERIFY_EVERY_HOURS: "576" }).HL_VERIFY_EVERY_HOURS).toBe(576);
    for (const bad of ["-1", "577", "daily"])
      expect(() => runtimeEnv({ HL_VERIFY_EVERY_HOURS: bad }), bad).toThrow(/HL_VERIFY_EVERY_HOURS/);
  });

  it("refuses malformed runtime variables with the variable's name", () => {
    expect(() => runtimeEnv({ HL_PG_PORT: "70000" })).toThrow(/HL_PG_PORT/);
    expect(() => runtimeEnv({ HL_PG_SHARED_BUFFERS: "lots" })).toThrow(/HL_PG_SHARED_BUFFERS/);
    expect(() => runtimeEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => runtimeEnv({ HL_SEQUENCER: "false" })).toThrow(/HL_SEQUENCER/);
    expect(() => runtimeEnv({ HL_MONITOR: "inline" })).toThrow(/HL_MONITOR/);
    expect(() => runtimeEnv({ HL_LOG_ORIGIN: "a log" })).toThrow(/HL_LOG_ORIGIN/);
  });

  it("takes the owner's connection only beside DATABASE_URL, and only for another role", () => {
    const app = "postgresql://healthledger_app:pw@db:5432/healthledger";
    const owner = "postgresql://healthledger_owner:pw@db:5432/healthledger";
    const base = { ...process.env, NODE_ENV: "test" };
    expect(() => validateServerEnvironment({ ...base, DATABASE_URL: app, HL_DATABASE_OWNER_URL: owner })).not.toThrow();
    expect(() => validateServerEnvironment({ ...base, DATABASE_URL: "", HL_DATABASE_OWNER_URL: owner })).toThrow(
      /HL_DATABASE_OWNER_URL: needs DATABASE_URL/,
    );
    expect(() => validateServerEnvironment({ ...base, DATABASE_URL: app, HL_DATABASE_OWNER_URL: app })).toThrow(
      /HL_DATABASE_OWNER_URL: names the same role/,
    );
    expect(() => runtimeEnv({ HL_DATABASE_OWNER_URL: "mysql://x" })).toThrow(/HL_DATABASE_OWNER_URL/);
    expect(() => runtimeEnv({ HL_PG_APP_PASSWORD: "short" })).toThrow(/HL_PG_APP_PASSWORD/);
  });

  it("checks both schemas at start-up and lists every problem", () => {
    expect(() => validateServerEnvironment({ ...process.env, HL_KEK: "short", HL_PG_PORT: "0" })).toThrow(
      /HL_PG_PORT[\s\S]*HL_KEK|HL_KEK[\s\S]*HL_PG_PORT/,
    );
    expect(() => validateServerEnvironment(process.env)).not.toThrow();
  });
});
