import "server-only";
import { getLedgerPool } from "../ledger-pool";
import { witnessSetup } from "./witness-endpoints";
import { startWitnessPusher, type TWitnessPusher } from "./witness-pusher";

const g = globalThis as unknown as { __hlWitnessPusher?: TWitnessPusher | null };

/** This instance's pusher to HL_WITNESSES (null when none are configured), started once per process. */
export function startAppWitnessPusher(): TWitnessPusher | null {
  if (g.__hlWitnessPusher !== undefined) return g.__hlWitnessPusher;
  const { witnesses } = witnessSetup();
  g.__hlWitnessPusher = witnesses.length ? startWitnessPusher({ pool: getLedgerPool(), witnesses }) : null;
  return g.__hlWitnessPusher;
}
