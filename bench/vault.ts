// Vault benchmark: record versions encrypted and anchored per second against plain
// AES-256-GCM + INSERT of the same plaintexts in the same run, and the time to erase a patient
// with 10 and with 10,000 records (crypto-shredding must not depend on the record count).
// The two write paths take turns, CHUNK rows each, so a change in the machine's load while the
// benchmark runs (it shares two cores with other work) falls on both alike; each is also given
// as CPU time per row, of this process and of the PostgreSQL server.
import crypto from "node:crypto";
import type * as fhir4 from "fhir/r4";
import { createPrismaClient, type PrismaClient } from "../lib/db/prisma";
import { withTransaction } from "../lib/db/with-transaction";
import { createLedgerPool } from "../lib/ledger/ledger-pool";
import { sealPending } from "../lib/ledger/seal/seal-pending";
import { seal } from "../lib/keys/aes-gcm";
import { createPatient } from "../lib/vault/create-patient";
import { decideErasure } from "../lib/vault/decide-erasure";
import { openPatientKey } from "../lib/keys/open-patient-key";
import { newRecordId } from "../lib/vault/new-record-id";
import { canonicalBytes } from "../lib/vault/record-cipher";
import { requestErasure } from "../lib/vault/request-erasure";
import { writeRecordVersions } from "../lib/vault/write-record-versions";
import { openBenchDatabase } from "./bench-database";
import { processCpuSeconds, serverCpuReader } from "./cpu-usage";
import { percentile, printTable } from "./report";

const fmtUs = (seconds: number) => (Number.isFinite(seconds) ? `${(seconds * 1e6).toFixed(1)} µs` : "n/a");

const BATCH = 500;
const CHUNK = 2_000;
const OFFICER = "00000000-0000-4000-8000-00000000beec";
// Erasure is four-eyes: a different officer decides the request OFFICER filed.
const DECIDER = "00000000-0000-4000-8000-00000000bee5";

function observation(i: number): fhir4.Observation {
  return {
    resourceType: "Observation",
    status: "final",
    code: { coding: [{ system: "http://loinc.org", code: "8867-4", display: "Heart rate" }], text: "Heart rate" },
    effectiveDateTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    valueQuantity: { value: 50 + (i % 70), unit: "/min", system: "http://unitsofmeasure.org", code: "/min" },
  };
}

async function newPatient(prisma: PrismaClient, n: number) {
  const patient: fhir4.Patient = {
    resourceType: "Patient",
    identifier: [{ system: "urn:healthledger:mrn", value: `BENCH${n}-${crypto.randomUUID()}` }],
    name: [{ family: `Bench${n}` }],
  };
  return prisma.$transaction((tx) => createPatient(tx, { patient, resources: [] }));
}

/** Adds `count` Observation records (version 1) to a patient through the app's write path, BATCH per transaction. */
async function addRecords(prisma: PrismaClient, patientId: string, count: number) {
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    await prisma.$transaction(
      async (tx) => {
        const key = await openPatientKey(tx, patientId);
        const records = Array.from({ length: n }, (_, i) => ({
          id: newRecordId(),
          resource: observation(done + i),
        }));
        await writeRecordVersions(tx, {
          dek: key.dek,
          pseudonym: key.pseudonym,
          newRecordsOf: patientId,
          versions: records.map((r) => ({
            recordId: r.id,
            version: 1,
            resourceType: "Observation",
            resource: { ...r.resource, id: r.id },
          })),
        });
        key.dek.fill(0);
      },
      { timeout: 120_000 },
    );
  }
}

async function timeErasure(prisma: PrismaClient, records: number, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const p = await newPatient(prisma, records);
    await addRecords(prisma, p.patientId, records - 1);
    const { requestId } = await requestErasure(prisma, {
      requestedById: OFFICER,
      filedBy: "compliance_officer",
      patient: { id: p.patientId },
    });
    const t0 = performance.now();
    await decideErasure(prisma, {
      requestId,
      decidedById: DECIDER,
      decision: { outcome: "approved", reason: "benchmark" },
    });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** Plain AES-256-GCM of the same canonical plaintexts + one INSERT … unnest per batch, no ledger. */
async function addPlainRows(dba: ReturnType<typeof createLedgerPool>, key: Buffer, from: number, count: number) {
  for (let done = 0; done < count; done += BATCH) {
    const n = Math.min(BATCH, count - done);
    const rows = Array.from({ length: n }, (_, k) => ({
      id: crypto.randomUUID(),
      ...seal(key, canonicalBytes(observation(from + done + k)), "x"),
    }));
    await withTransaction(dba, (c) =>
      c.query(`INSERT INTO bench_plain SELECT * FROM unnest($1::uuid[], $2::bytea[], $3::bytea[])`, [
        rows.map((r) => r.id),
        rows.map((r) => r.iv),
        rows.map((r) => r.ciphertext),
      ]),
    );
  }
}

type TSpent = { wall: number; node: number; server: number };

export async function run(args: string[]) {
  const i = args.indexOf("--records");
  const total = i >= 0 ? Number(args[i + 1]) : 20_000;
  const db = await openBenchDatabase();
  const prisma = createPrismaClient(db.url);
  const pool = createLedgerPool(db.url);
  // The baseline table is the benchmark's own, which the app role may not create.
  const dba = createLedgerPool(db.superuserUrl);
  try {
    const serverCpu = (await serverCpuReader(dba)) ?? (() => NaN);
    const spent = { vault: { wall: 0, node: 0, server: 0 }, plain: { wall: 0, node: 0, server: 0 } };
    const timed = async (into: TSpent, work: () => Promise<void>) => {
      const [t, n, s] = [performance.now(), processCpuSeconds(), serverCpu()];
      await work();
      into.wall += (performance.now() - t) / 1000;
      into.node += processCpuSeconds() - n;
      into.server += serverCpu() - s;
    };
    await dba.query(`CREATE TABLE bench_plain (id uuid PRIMARY KEY, iv bytea NOT NULL, ciphertext bytea NOT NULL)`);
    const key = crypto.randomBytes(32);
    const target = await newPatient(prisma, 0);
    await addRecords(prisma, target.patientId, BATCH); // warm-up
    await addPlainRows(dba, key, 0, BATCH);
    for (let done = 0; done < total; done += CHUNK) {
      const n = Math.min(CHUNK, total - done);
      await timed(spent.vault, () => addRecords(prisma, target.patientId, n));
      await timed(spent.plain, () => addPlainRows(dba, key, BATCH + done, n));
    }
    const t0 = performance.now();
    await sealPending({ pool });
    const sealSecs = (performance.now() - t0) / 1000;
    const vaultSecs = spent.vault.wall;
    const plainSecs = spent.plain.wall;
    const perRow = (s: TSpent) => `CPU per row: node ${fmtUs(s.node / total)}, PostgreSQL ${fmtUs(s.server / total)}`;
    const small = await timeErasure(prisma, 10, 5);
    const large = await timeErasure(prisma, 10_000, 3);
    const plainRate = total / plainSecs;
    printTable(
      `Record versions written (${total.toLocaleString("en-US")}, ${BATCH} per transaction, one connection, the two paths in turns of ${CHUNK.toLocaleString("en-US")})`,
      [
        {
          name: "plain AES-256-GCM + INSERT (baseline)",
          value: plainRate,
          unit: "rows/s",
          baseline: plainRate,
          note: perRow(spent.plain),
        },
        {
          name: "vault: encrypt + commitment + INSERT + enqueue leaf",
          value: total / vaultSecs,
          unit: "rows/s",
          baseline: plainRate,
          note: `records, versions and leaves in one INSERT … unnest per batch; ${perRow(spent.vault)}`,
        },
        {
          name: "plain, per CPU-second (node + PostgreSQL)",
          value: total / (spent.plain.node + spent.plain.server),
          unit: "rows/s",
          baseline: total / (spent.plain.node + spent.plain.server),
          note: "what the rate would be with a core each, nothing else running",
        },
        {
          name: "vault, per CPU-second (node + PostgreSQL)",
          value: total / (spent.vault.node + spent.vault.server),
          unit: "rows/s",
          baseline: total / (spent.plain.node + spent.plain.server),
        },
        {
          name: "sealing those leaves afterwards",
          value: total / sealSecs,
          unit: "rows/s",
          note: "sequencer, batches of 20,000",
        },
      ],
    );
    printTable("Erasure (crypto-shredding: one patient row, decision row, leaf)", [
      {
        name: "patient with 10 records (median of 5)",
        value: percentile(small, 50),
        unit: "ms",
        baseline: percentile(small, 50),
      },
      {
        name: "patient with 10,000 records (median of 3)",
        value: percentile(large, 50),
        unit: "ms",
        baseline: percentile(small, 50),
        note: "record rows untouched",
      },
    ]);
  } finally {
    await pool.end();
    await dba.end();
    await prisma.$disconnect();
    await db.stop();
  }
}
