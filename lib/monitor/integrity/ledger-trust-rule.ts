/** The "rule" of the integrity alert raised while the rollback guard is closed (docs/rollback.md). */
export const LEDGER_TRUST_RULE = "ledger-rollback-guard";
export const LEDGER_TRUST_DOC =
  "Patient data stopped: the database's ledger is not the one the log issued or the witnesses cosigned (an old backup, a rewritten history, or no store knowing it); see Administration → Ledger trust.";
