import { z } from "zod";

// The typed confirmation of a re-trust: the first 8 hex characters of the root hash the admin
// is about to trust, as shown on /admin/ledger. It proves they looked at this head, not just clicked.

export const CONFIRM_HEX_CHARS = 8;

export const ZRootConfirmation = z
  .string("Type the first 8 characters of the root hash.")
  .trim()
  .toLowerCase()
  .regex(/^[0-9a-f]{8}$/, "Type the first 8 characters (0–9, a–f) of the root hash shown above.");

export const ZLedgerTrustRequestInput = z.object({
  /** The head shown to the admin (a block boundary), so a head that moved on meanwhile is not trusted blindly. */
  treeSize: z.coerce.number("Unknown tree size.").int().min(1).max(Number.MAX_SAFE_INTEGER),
  confirm: ZRootConfirmation,
});
export type TLedgerTrustRequestInput = z.infer<typeof ZLedgerTrustRequestInput>;

export const ZLedgerTrustDecisionInput = z.object({
  requestId: z.uuid("Unknown request."),
  approve: z.boolean(),
  /** Required to approve; a rejection (or the requester's withdrawal) needs none. */
  confirm: ZRootConfirmation.optional(),
});
export type TLedgerTrustDecisionInput = z.infer<typeof ZLedgerTrustDecisionInput>;

/** Whether `typed` (already normalised by ZRootConfirmation) is the start of the root `rootHex`. */
export function confirmsRoot(typed: string, rootHex: string): boolean {
  return rootHex.slice(0, CONFIRM_HEX_CHARS) === typed;
}
