import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/sign-in";
import { createTestDatabase, type TTestDatabase } from "@/test/db";

const run = promisify(execFile);
let db: TTestDatabase;

async function cli(...args: string[]) {
  try {
    const r = await run("node_modules/.bin/tsx", ["--conditions=react-server", "bin/healthledger.ts", ...args], {
      env: { ...process.env, DATABASE_URL: db.url },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  db = await createTestDatabase();
});

describe("healthledger users create-admin", () => {
  it("creates the first administrator with a one-time password that must be replaced", async () => {
    const r = await cli("users", "create-admin", "--email", " First.Admin@Example.org ", "--name", "First Admin");
    expect(r.code).toBe(0);
    const password = /one-time password: (\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "first.admin@example.org" } });
    expect(user).toMatchObject({ role: "ADMIN", mustChangePassword: true, mfaEnabledAt: null });
    expect(user.passwordHash).not.toContain(password!);
    expect(await signIn(db.prisma, { email: user.email, password })).toMatchObject({ ok: true });
    const action = await db.prisma.adminAction.findFirstOrThrow({
      where: { action: "user.create", targetUserId: user.id },
    });
    expect(await db.prisma.ledgerQueue.count({ where: { kind: "admin_action", rowId: action.id } })).toBe(1);
  });

  it("refuses once an active administrator exists, and bad input, with exit 2 and nothing written", async () => {
    const before = await db.prisma.user.count();
    const again = await cli("users", "create-admin", "--email", "second@example.org");
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/An active administrator exists already/);
    const bad = await cli("users", "create-admin", "--email", "not-an-email");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/valid email/);
    expect(await db.prisma.user.count()).toBe(before);
  });
});
