// The embedded server must start whatever a killed earlier run left in the shared /tmp, and when
// PostgreSQL does refuse to start, say why instead of failing with nothing to read.
import crypto from "node:crypto";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runtimeEnv } from "@/lib/config/runtime-env";
import { runAs } from "@/test/pg-cluster";
import { defaultSharedBuffers, startEmbeddedPostgres } from "./embedded-postgres";

const port = runtimeEnv().HL_TEST_PG_PORT + 6;
const dataDir = path.join(os.tmpdir(), `hl-start-pg-${port}`);
const lockFile = `/tmp/.s.PGSQL.${port}.lock`;
const passwords = () => ({
  superuser: crypto.randomBytes(18).toString("base64url"),
  owner: crypto.randomBytes(18).toString("base64url"),
  app: crypto.randomBytes(18).toString("base64url"),
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe("starting the embedded PostgreSQL", () => {
  it("starts although /tmp holds a socket lock file whose PID now belongs to a live process", async () => {
    // After a killed run the lock file stays; when its PID is reused by another process of the
    // server's user, PostgreSQL takes it for a running server and refuses to use that socket.
    fs.rmSync(dataDir, { recursive: true, force: true });
    const first = await startEmbeddedPostgres({ dataDir, port, database: "healthledger", passwords: passwords() });
    await first.stop();
    const ids = runAs();
    const live: ChildProcess = spawn("sleep", ["120"], { ...ids, stdio: "ignore" });
    cleanups.push(() => void live.kill("SIGKILL"));
    fs.writeFileSync(lockFile, `${live.pid}\n${dataDir}\n0\n${port}\n/tmp\n`);
    if ("uid" in ids) fs.chownSync(lockFile, ids.uid, ids.gid);
    cleanups.push(() => fs.rmSync(lockFile, { force: true }));

    fs.rmSync(dataDir, { recursive: true, force: true });
    const server = await startEmbeddedPostgres({ dataDir, port, database: "healthledger", passwords: passwords() });
    cleanups.push(() => server.stop());
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
  });

  it("names PostgreSQL's own reason when the server exits at start", async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(port, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => holder.close(() => resolve())));
    fs.rmSync(dataDir, { recursive: true, force: true });
    cleanups.push(() => fs.rmSync(dataDir, { recursive: true, force: true }));
    // Not `rejects.toThrow`: it also passes when the promise rejects with undefined.
    const err = await startEmbeddedPostgres({ dataDir, port, database: "healthledger", passwords: passwords() }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(new RegExp(`PostgreSQL exited at start on port ${port}[^]*could not`));
  });
});

describe("the embedded server's shared buffers, unless HL_PG_SHARED_BUFFERS says", () => {
  it("are a quarter of the memory, from 128MB to 2GB", () => {
    const GiB = 2 ** 30;
    expect(defaultSharedBuffers(24 * GiB)).toBe("2048MB");
    expect(defaultSharedBuffers(4 * GiB)).toBe("1024MB");
    expect(defaultSharedBuffers(GiB / 4)).toBe("128MB");
  });
});
