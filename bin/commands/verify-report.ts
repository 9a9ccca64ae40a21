import fs from "node:fs";
import type { Command } from "commander";
import { verifyEvidenceBundle, type TBundleVerification } from "../../lib/reports/verify/verify-bundle";
import { MAX_BUNDLE_TOTAL_BYTES } from "../../lib/reports/verify/open-bundle";
import { readTrustedCa } from "../../lib/reports/verify/trusted-ca";

type TFlags = { ca?: string; reportKey?: string; policy?: string; json?: boolean };

/** A file the user named, read whole but bounded; exits 2 when it cannot be read. */
function readInput(program: Command, file: string, max: number): Buffer {
  try {
    const size = fs.statSync(file).size;
    if (size > max) program.error(`${file} is ${size} bytes: more than ${max}`, { exitCode: 2 });
    return fs.readFileSync(file);
  } catch (err) {
    return program.error(`cannot read ${file}: ${(err as Error).message}`, { exitCode: 2 });
  }
}

const MARK = { passed: "ok  ", failed: "FAIL", skipped: "skip" } as const;

function printResult(r: TBundleVerification): void {
  for (const c of r.checks)
    console.log(`${MARK[c.status]}  ${c.part.padEnd(12)} ${c.file ? `${c.file}: ` : ""}${c.message}`);
  if (r.predicate)
    console.log(
      `\nreport ${r.predicate.reportType} (${r.predicate.scope}), ${r.predicate.period.start} – ${r.predicate.period.end}, issued ${r.predicate.issuedAt}`,
    );
  if (r.checkpoint)
    console.log(`checkpoint ${r.checkpoint.origin} at size ${r.checkpoint.treeSize}, ${r.citedLeaves} cited leaves`);
  if (r.fingerprints) {
    const f = r.fingerprints;
    console.log("compare with /.well-known/healthledger (the keys above came from the bundle unless given):");
    console.log(`  reportSigningKey.keyId  ${f.reportSigningKeyId ?? "-"}`);
    console.log(`  log.verifierKey         ${f.logVerifierKey ?? "-"}`);
    console.log(`  evidenceCa.sha256       ${f.evidenceCaSha256 ?? "-"}`);
    console.log(`  pdfSigner.sha256        ${f.pdfSignerSha256 ?? "-"}`);
  }
  if (r.ok) console.log("\nVERIFIED: every part of the bundle checks out.");
  else {
    console.log(`\nNOT VERIFIED: ${r.failed.length} check(s) failed:`);
    for (const c of r.failed) console.log(`  - ${c.file ?? "bundle"} [${c.code}]: ${c.message}`);
  }
}

export function registerVerifyReportCommand(program: Command) {
  program
    .command("verify-report")
    .description(
      "verify an evidence bundle offline: DSSE signature and file digests, the report's tlog-proof, cosignature quorum, citations, PDF",
    )
    .argument("<bundle>", "the evidence bundle (.zip)")
    .option("--ca <pem>", "trust this evidence CA certificate (PEM) instead of the bundle's evidence-ca.pem")
    .option("--report-key <pem>", "trust this report-signing key (SPKI PEM) instead of the bundle's copy")
    .option("--policy <file>", "check the checkpoint against this tlog-policy instead of the bundle's policy.txt")
    .option("--json", 'print {"ok", "checks": [{"part", "status", "code", "file", "message"}], …}')
    .action(async (bundle: string, flags: TFlags) => {
      const zip = readInput(program, bundle, MAX_BUNDLE_TOTAL_BYTES);
      const text = (file: string) => readInput(program, file, 1 << 20).toString("utf8");
      let trustedCasDer: Uint8Array[] | undefined;
      if (flags.ca) {
        // The /verify page reads its CA field with the same function.
        const ca = readTrustedCa(text(flags.ca));
        if (!ca.ok) program.error(`--ca: ${flags.ca} holds no PEM certificate (${ca.problem})`, { exitCode: 2 });
        else trustedCasDer = ca.certificatesDer;
      }
      const result = await verifyEvidenceBundle(new Uint8Array(zip), {
        trustedCasDer,
        trustedReportKeyPem: flags.reportKey ? text(flags.reportKey) : undefined,
        trustedPolicy: flags.policy ? text(flags.policy) : undefined,
      });
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else printResult(result);
      process.exitCode = result.ok ? 0 : 1;
    });
}
