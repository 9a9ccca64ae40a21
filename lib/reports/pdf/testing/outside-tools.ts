import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Debian's tools that check our PDFs independently of our own code. The test setup installs them
// (scripts/ensure-test-tools.sh); a test never skips because one is missing, it fails saying how
// to install it.

const PACKAGES: Record<string, string> = {
  pdfsig: "poppler-utils",
  pdftoppm: "poppler-utils",
  pdftotext: "poppler-utils",
  certutil: "libnss3-tools",
  openssl: "openssl",
};

export function requireTool(name: keyof typeof PACKAGES & string): string {
  const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
  if (!found)
    throw new Error(
      `${name} is not installed. Install it with: sudo apt-get update && sudo apt-get install -y ${PACKAGES[name]}` +
        " (npm test does this itself when run as root: scripts/ensure-test-tools.sh)",
    );
  return found;
}

/** A fresh NSS database in `dir` that trusts `caPem` for signing, as a regulator would set one up. */
export function nssDatabaseTrusting(dir: string, caPem: string): string {
  requireTool("certutil");
  fs.mkdirSync(dir, { recursive: true });
  const caFile = path.join(dir, "trusted-ca.pem");
  fs.writeFileSync(caFile, caPem);
  execFileSync("certutil", ["-N", "-d", `sql:${dir}`, "--empty-password"]);
  execFileSync("certutil", ["-A", "-d", `sql:${dir}`, "-n", "HealthLedger Evidence CA", "-t", "CT,C,C", "-i", caFile]);
  return `sql:${dir}`;
}

/** pdfsig's report on a file. Its exit status is 0 even on a digest mismatch: read the text. */
export function pdfsig(nssdir: string, file: string): string {
  requireTool("pdfsig");
  const run = spawnSync("pdfsig", ["-nssdir", nssdir, file], { encoding: "utf8" });
  return `${run.stdout}${run.stderr}`;
}
