import { AppError } from "@/lib/errors";

export type TIntegrityCheck = "tiles" | "root" | "checkpoint" | "block-hash" | "tree-size" | "queue";

/**
 * The stored ledger failed the check the sequencer runs before every seal. Sealing stops
 * (nothing is appended on top of a tampered log) until an operator investigates with full
 * verification. Maps to 503: the ledger is unavailable, not the request wrong.
 */
export class LedgerIntegrityError extends AppError {
  constructor(
    readonly check: TIntegrityCheck,
    message: string,
    readonly blockHeight: number | null = null,
  ) {
    super("unavailable", `ledger integrity check failed (${check}): ${message}`);
    this.name = "LedgerIntegrityError";
  }
}
