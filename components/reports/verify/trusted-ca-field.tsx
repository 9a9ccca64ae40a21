"use client";

import { MAX_TRUSTED_CA_BYTES, type TTrustedCa } from "@/lib/reports/verify/trusted-ca";

/** Paste, drop or choose the evidence CA certificate (PEM) to trust instead of the bundle's copy. */
export function TrustedCaField({
  pem,
  onPem,
  ca,
}: {
  pem: string;
  onPem: (pem: string) => void;
  ca: TTrustedCa | null;
}) {
  async function readFile(file: File | undefined) {
    if (!file) return;
    onPem(file.size > MAX_TRUSTED_CA_BYTES ? "(file too large for a certificate)" : await file.text());
  }
  return (
    <details className="trusted-ca" open={pem !== "" || undefined}>
      <summary>Trust your own copy of the evidence CA</summary>
      <div className="stack">
        <p className="muted" style={{ margin: 0 }}>
          By default the PDF is checked against the bundle&apos;s own <code>evidence-ca.pem</code>. Paste or drop the CA
          certificate you got from the issuer (its <code>/.well-known/healthledger/evidence-ca.pem</code>) to check
          against that one instead.
        </p>
        <label>
          Evidence CA certificate (PEM)
          <textarea
            name="ca"
            rows={5}
            spellCheck={false}
            className="mono"
            placeholder="-----BEGIN CERTIFICATE-----"
            value={pem}
            onChange={(e) => onPem(e.target.value)}
            onDrop={(e) => {
              if (!e.dataTransfer.files.length) return;
              e.preventDefault();
              void readFile(e.dataTransfer.files[0]);
            }}
            aria-describedby="ca-state"
          />
        </label>
        <label>
          Or choose a PEM file
          <input
            type="file"
            accept=".pem,.crt,.cer,application/x-pem-file"
            onChange={(e) => void readFile(e.target.files?.[0])}
          />
        </label>
        <div id="ca-state" aria-live="polite">
          {ca?.ok && (
            <p style={{ margin: 0 }}>
              Trusted CA SHA-256: <span className="mono fingerprint">{ca.sha256}</span>
            </p>
          )}
          {ca && !ca.ok && (
            <p className="field-error" style={{ margin: 0 }}>
              Not used: {ca.problem}.
            </p>
          )}
        </div>
        {pem !== "" && (
          <button type="button" className="button secondary" onClick={() => onPem("")}>
            Use the bundle&apos;s CA again
          </button>
        )}
      </div>
    </details>
  );
}
