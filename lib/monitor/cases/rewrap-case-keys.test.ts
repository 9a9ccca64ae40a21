import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { reloadServerEnv } from "@/lib/config/env";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { TEST_ENV } from "@/test/test-env";
import { changePrivacyCase } from "./change-privacy-case";
import { getPrivacyCase } from "./get-privacy-case";
import { rewrapCaseKeys } from "./rewrap-case-keys";
import { newCaseKey, wrapCaseKey } from "@/lib/keys/case-key";
import { dbBytes } from "@/lib/db/bytes";

let db: TTestDatabase;
const NEW_KEK = Buffer.alloc(32, 7).toString("base64");
const NOTE = "Notes kept six years must survive a KEK rotation";
const actorId = crypto.randomUUID();
const officerId = crypto.randomUUID();
let caseId: string;

function configure(env: Record<string, string | undefined>) {
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  reloadServerEnv();
}

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.user.create({
    data: { id: officerId, email: "o@x.test", displayName: "Officer", role: "COMPLIANCE_OFFICER", passwordHash: "x" },
  });
  caseId = crypto.randomUUID();
  const dek = newCaseKey();
  const wrapped = wrapCaseKey(dek, caseId);
  await db.prisma.privacyCase.create({
    data: {
      id: caseId,
      actorId,
      discoveredAt: new Date(),
      discoveredHow: "audit",
      wrappedKey: dbBytes(wrapped.wrappedKey),
      kekId: wrapped.kekId,
      openedById: officerId,
    },
  });
  await changePrivacyCase(db.prisma, { caseId, change: { action: "note", text: NOTE }, byId: officerId });
});
afterEach(() =>
  configure({
    HL_KEK: TEST_ENV.HL_KEK,
    HL_KEK_ID: TEST_ENV.HL_KEK_ID,
    HL_KEK_PREVIOUS: undefined,
    HL_KEK_PREVIOUS_ID: undefined,
  }),
);

describe("case keys in a KEK rotation", () => {
  it("are re-wrapped under the new KEK, once, and the notes still open without the old key", async () => {
    configure({
      HL_KEK: NEW_KEK,
      HL_KEK_ID: "kek-new",
      HL_KEK_PREVIOUS: TEST_ENV.HL_KEK,
      HL_KEK_PREVIOUS_ID: TEST_ENV.HL_KEK_ID,
    });
    expect(await rewrapCaseKeys(db.prisma)).toEqual({ rewrapped: 1, alreadyCurrent: 0, failed: [] });
    expect(await rewrapCaseKeys(db.prisma)).toEqual({ rewrapped: 0, alreadyCurrent: 1, failed: [] });
    configure({ HL_KEK_PREVIOUS: undefined, HL_KEK_PREVIOUS_ID: undefined });
    expect((await getPrivacyCase(db.prisma, caseId)).notes.map((n) => n.text)).toEqual([NOTE]);
  });
});
