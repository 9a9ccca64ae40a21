// The app as the e2e suite sees it: production build, fresh embedded PostgreSQL with demo data.
import fs from "node:fs";
import path from "node:path";

process.env.HL_PG_PORT ??= "54340";
// Per port, so two checkouts on one machine can run their suites side by side.
const dataDir = path.resolve(`.data/e2e-pg-${process.env.HL_PG_PORT}`);
fs.rmSync(dataDir, { recursive: true, force: true });
process.env.HL_DATA_DIR = dataDir;
// Keys for this throwaway database only; never the developer's .secrets.
process.env.HL_SECRETS_FILE = path.resolve(`.secrets/e2e-${process.env.HL_PG_PORT}.env`);
fs.rmSync(process.env.HL_SECRETS_FILE, { force: true });
// Its own issued checkpoints too: a fresh database is a new log, trusted at its first seal.
process.env.HL_CHECKPOINT_STATE_FILE = path.resolve(`.secrets/e2e-${process.env.HL_PG_PORT}-checkpoints.json`);
fs.rmSync(process.env.HL_CHECKPOINT_STATE_FILE, { force: true });
// And its own local witness, with a fresh state for the fresh log (scripts/local-witness.ts).
const { localWitnessFiles } = await import("./local-witness");
fs.rmSync(localWitnessFiles(process.env.HL_SECRETS_FILE).stateFile, { force: true });
process.env.HL_LOCAL_WITNESS_PORT ??= String(Number(process.env.HL_E2E_PORT ?? 3100) + 1000);
delete process.env.HL_WITNESSES;
// Its own evidence CA, issued afresh and named the way a deployment names its own CA's files.
const evidenceDir = path.resolve(`.secrets/e2e-${process.env.HL_PG_PORT}-evidence`);
fs.rmSync(evidenceDir, { recursive: true, force: true });
fs.mkdirSync(evidenceDir, { recursive: true, mode: 0o700 });
const { issueEvidenceCertificates } = await import("../lib/reports/certificates/issue-evidence-certificates");
const evidence = await issueEvidenceCertificates({ organization: "healthledger.e2e/log" });
for (const [name, file, text] of [
  ["HL_EVIDENCE_CA_CERT_FILE", "evidence-ca.pem", evidence.caCertPem],
  ["HL_EVIDENCE_SIGNER_CERT_FILE", "evidence-signer.pem", evidence.signerCertPem],
  ["HL_EVIDENCE_SIGNER_KEY_FILE", "evidence-signer-key.pem", evidence.signerKeyPem],
] as const) {
  process.env[name] = path.join(evidenceDir, file);
  fs.writeFileSync(process.env[name], text, { mode: 0o600 });
}
delete process.env.DATABASE_URL;
await import("./start");
