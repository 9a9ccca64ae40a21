import "server-only";
import crypto from "node:crypto";
import { z } from "zod";
import type { Prisma } from "@/lib/generated/prisma/client";
import { serverEnv } from "@/lib/config/env";
import { dbBytes } from "@/lib/db/bytes";
import { AppError } from "@/lib/errors";
import { enqueueLeaf } from "@/lib/ledger/seal/enqueue-leaf";

export const PATIENT_FLAGS = ["vip", "confidential", "deceased"] as const;

export const ZFlagPatient = z
  .object({
    patientId: z.uuid("Unknown patient."),
    flag: z.enum(PATIENT_FLAGS),
    activeFrom: z.coerce.date(),
    activeTo: z.coerce.date().nullable().default(null),
  })
  .refine((f) => f.activeTo === null || f.activeTo > f.activeFrom, "The end of the period must be after its start.")
  .refine((f) => f.flag !== "deceased" || f.activeTo === null, "A date of death has no end.");
export type TFlagPatient = z.input<typeof ZFlagPatient>;

/**
 * HMAC-SHA-256 (RFC 2104) of the flag's period under a key derived from HL_BLIND_INDEX_KEY: the
 * leaf binds the dates without carrying them (a date of death is an identifier), and without
 * the key nobody can test guesses of the dates against the leaf.
 */
export function patientFlagPeriodMac(f: { id: string; flag: string; activeFrom: Date; activeTo: Date | null }): Buffer {
  const key = crypto
    .createHmac("sha256", Buffer.from(serverEnv().HL_BLIND_INDEX_KEY, "base64"))
    .update("patient-flag-period/v1")
    .digest();
  return crypto
    .createHmac("sha256", key)
    .update([f.id, f.flag, f.activeFrom.toISOString(), f.activeTo?.toISOString() ?? ""].join("\n"))
    .digest();
}

/**
 * Flag a patient as VIP / confidential for a period, or record a date of death (also kept in
 * Patient.deceasedAt for the rules), as an anchored act in the caller's transaction. The caller
 * has checked that the actor may do this (a compliance officer).
 */
export async function flagPatient(tx: Prisma.TransactionClient, input: TFlagPatient & { byId: string }) {
  const f = ZFlagPatient.parse(input);
  const patient = await tx.patient.findUnique({ where: { id: f.patientId }, select: { erasedAt: true } });
  if (!patient) throw new AppError("not_found", "No such patient.");
  if (patient.erasedAt) throw new AppError("conflict", "This patient's data has been erased.");
  const id = crypto.randomUUID();
  const row = await tx.patientFlag.create({
    data: { id, ...f, periodMac: dbBytes(patientFlagPeriodMac({ id, ...f })), byId: input.byId },
  });
  await enqueueLeaf(tx, { kind: "patient_flag", row });
  if (f.flag === "deceased")
    await tx.patient.update({ where: { id: f.patientId }, data: { deceasedAt: f.activeFrom } });
  return row;
}
