import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TTestDatabase } from "@/test/db";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { TEST_ENV } from "@/test/test-env";
import { reloadServerEnv, serverEnv } from "@/lib/config/env";
import { readPatientResources } from "./read-patient-resources";
import { rotateKek } from "./rotate-kek";

let db: TTestDatabase;
const NEW_KEK = Buffer.alloc(32, 9).toString("base64");

function configure(env: Record<string, string | undefined>) {
  Object.assign(process.env, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  reloadServerEnv();
}

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.prisma, { patients: 7, staff: 0 });
});
afterEach(() =>
  configure({
    HL_KEK: TEST_ENV.HL_KEK,
    HL_KEK_ID: TEST_ENV.HL_KEK_ID,
    HL_KEK_PREVIOUS: undefined,
    HL_KEK_PREVIOUS_ID: undefined,
  }),
);

describe("KEK rotation", () => {
  it("re-wraps every data key under the new KEK, resumably, without touching records", async () => {
    const versions = await db.prisma.recordVersion.findMany({ orderBy: { id: "asc" } });
    const patient = (await db.prisma.patient.findFirstOrThrow()).id;
    const before = await readPatientResources(db.prisma, { patientId: patient });
    configure({
      HL_KEK: NEW_KEK,
      HL_KEK_ID: "kek-new",
      HL_KEK_PREVIOUS: TEST_ENV.HL_KEK,
      HL_KEK_PREVIOUS_ID: TEST_ENV.HL_KEK_ID,
    });
    expect(serverEnv().HL_KEK_ID).toBe("kek-new");
    const progress: number[] = [];
    const first = await rotateKek(db.prisma, { batchSize: 3, onProgress: (p) => progress.push(p.rotated) });
    expect(first).toMatchObject({ kekId: "kek-new", rotated: 7, failed: [], alreadyCurrent: 0 });
    expect(progress).toEqual([3, 6, 7]);
    expect(await rotateKek(db.prisma)).toMatchObject({ rotated: 0, alreadyCurrent: 7 });
    expect(await db.prisma.recordVersion.findMany({ orderBy: { id: "asc" } })).toEqual(versions);
    configure({ HL_KEK_PREVIOUS: undefined, HL_KEK_PREVIOUS_ID: undefined });
    expect(await readPatientResources(db.prisma, { patientId: patient })).toEqual(before);
  });
});
