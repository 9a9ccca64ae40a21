// The report's own leaf lives with the other leaf kinds (lib/ledger/kinds/report-leaf.ts), where
// the table of issued reports anchors it; the verifier reads the same module.
export * from "@/lib/ledger/kinds/report-leaf";
