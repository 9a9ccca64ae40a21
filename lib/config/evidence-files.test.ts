import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { ensureEvidenceFiles, evidenceFiles } from "./evidence-files";
import { runtimeEnv } from "./runtime-env";

const fake = { caCertPem: "CA\n", caKeyPem: "CAKEY\n", signerCertPem: "SIGNER\n", signerKeyPem: "KEY\n" };

function tempEnv(extra: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hl-evidence-files-"));
  return {
    dir,
    env: runtimeEnv({ HL_SECRETS_FILE: path.join(dir, "local.env"), HL_LOG_ORIGIN: "hl.test/log", ...extra }),
  };
}

describe("evidence files", () => {
  it("are generated beside the secrets on the first start only, keys readable by the owner alone", async () => {
    const { dir, env } = tempEnv();
    const issue = vi.fn(async () => fake);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(await ensureEvidenceFiles({ issue, env })).toBe(true);
    expect(issue).toHaveBeenCalledWith("hl.test/log");
    expect(fs.readFileSync(path.join(dir, "evidence-ca.pem"), "utf8")).toBe("CA\n");
    expect(fs.statSync(path.join(dir, "evidence-signer-key.pem")).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dir, "evidence-ca-key.pem")).mode & 0o777).toBe(0o600);
    expect(await ensureEvidenceFiles({ issue, env })).toBe(false);
    expect(issue).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("never replaces a CA that exists in part", async () => {
    const { dir, env } = tempEnv();
    fs.writeFileSync(path.join(dir, "evidence-ca.pem"), "CA\n");
    const issue = vi.fn(async () => fake);
    await expect(ensureEvidenceFiles({ issue, env })).rejects.toThrow(/incomplete.*evidence-signer\.pem.*delete/s);
    expect(issue).not.toHaveBeenCalled();
  });

  it("takes a deployment's own files, all three or none, and generates nothing for them", async () => {
    expect(() => evidenceFiles(tempEnv({ HL_EVIDENCE_CA_CERT_FILE: "/etc/ca.pem" }).env)).toThrow(/set together/);
    const { env } = tempEnv({
      HL_EVIDENCE_CA_CERT_FILE: "/nonexistent/ca.pem",
      HL_EVIDENCE_SIGNER_CERT_FILE: "/nonexistent/signer.pem",
      HL_EVIDENCE_SIGNER_KEY_FILE: "/nonexistent/key.pem",
    });
    expect(evidenceFiles(env)).toMatchObject({ caCert: "/nonexistent/ca.pem", configured: true });
    const issue = vi.fn(async () => fake);
    await expect(ensureEvidenceFiles({ issue, env })).rejects.toThrow(/\/nonexistent\/ca\.pem/);
    expect(issue).not.toHaveBeenCalled();
  });
});
