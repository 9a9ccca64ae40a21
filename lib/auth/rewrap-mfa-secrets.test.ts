import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { reloadServerEnv } from "@/lib/config/env";
import { TEST_ENV } from "@/test/test-env";
import { openMfaSecret, sealMfaSecret } from "./mfa-secret";
import { rewrapMfaSecrets } from "./rewrap-mfa-secrets";
import { newTotpSecret } from "./totp";

let db: TTestDatabase;
const NEW_KEK = Buffer.alloc(32, 7).toString("base64");

function configure(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env))
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  reloadServerEnv();
}

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() =>
  configure({
    HL_KEK: TEST_ENV.HL_KEK,
    HL_KEK_ID: TEST_ENV.HL_KEK_ID,
    HL_KEK_PREVIOUS: undefined,
    HL_KEK_PREVIOUS_ID: undefined,
  }),
);

describe("rewrapMfaSecrets (KEK rotation)", () => {
  it("re-seals TOTP secrets under the new KEK so they open after the old key is removed", async () => {
    const secret = newTotpSecret();
    const id = crypto.randomUUID();
    await db.prisma.user.create({
      data: {
        id,
        email: "a@t.test",
        displayName: "A",
        role: "ADMIN",
        passwordHash: "x",
        mfaSecret: sealMfaSecret(id, secret),
        mfaEnabledAt: new Date(),
      },
    });
    configure({
      HL_KEK: NEW_KEK,
      HL_KEK_ID: "kek-new",
      HL_KEK_PREVIOUS: TEST_ENV.HL_KEK,
      HL_KEK_PREVIOUS_ID: TEST_ENV.HL_KEK_ID,
    });
    expect(await rewrapMfaSecrets(db.prisma)).toEqual({ rewrapped: 1, alreadyCurrent: 0, failed: [] });
    expect(await rewrapMfaSecrets(db.prisma)).toEqual({ rewrapped: 0, alreadyCurrent: 1, failed: [] });
    configure({ HL_KEK_PREVIOUS: undefined, HL_KEK_PREVIOUS_ID: undefined });
    const stored = (await db.prisma.user.findUniqueOrThrow({ where: { id } })).mfaSecret!;
    expect(openMfaSecret(id, stored)).toEqual(secret);
  });

  it("reports a secret no configured KEK opens, and leaves it as it is", async () => {
    configure({ HL_KEK: NEW_KEK, HL_KEK_ID: "kek-new" });
    const other = await db.prisma.user.create({
      data: { email: "b@t.test", displayName: "B", role: "ADMIN", passwordHash: "x", mfaSecret: new Uint8Array(40) },
    });
    const r = await rewrapMfaSecrets(db.prisma);
    expect(r.failed).toEqual([other.id]);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: other.id } })).mfaSecret).toEqual(new Uint8Array(40));
  });
});
