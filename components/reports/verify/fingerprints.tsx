import type { TBundleFingerprints } from "@/lib/reports/verify/bundle-fingerprints";

const WELL_KNOWN = "/.well-known/healthledger/";

/**
 * The keys the checks trusted, under the names /.well-known/healthledger/ gives them: a bundle
 * that verifies under its own keys proves something only once these match the published ones.
 */
export function Fingerprints({
  fingerprints,
  trustedCaSha256,
}: {
  fingerprints: TBundleFingerprints | null;
  trustedCaSha256: string | null;
}) {
  const rows: [string, string, string | null][] = [
    [
      "evidenceCa.sha256",
      trustedCaSha256 ? "Evidence CA you gave (the PDF was checked against it)" : "Evidence CA in the bundle",
      trustedCaSha256 ?? fingerprints?.evidenceCaSha256 ?? null,
    ],
    ["pdfSigner.sha256", "PDF signer certificate", fingerprints?.pdfSignerSha256 ?? null],
    ["reportSigningKey.keyId", "Report-signing key (DSSE)", fingerprints?.reportSigningKeyId ?? null],
    ["log.verifierKey", "Log key (checkpoints)", fingerprints?.logVerifierKey ?? null],
  ];
  return (
    <section className="card stack" aria-labelledby="fingerprints-heading">
      <h2 id="fingerprints-heading">Compare the keys</h2>
      <p className="muted" style={{ margin: 0 }}>
        The checks above trusted these. Compare each with the field of the same name at{" "}
        <a href={WELL_KNOWN}>{WELL_KNOWN}</a> of the organisation that issued the report (or with what it gave you by
        other means).
      </p>
      <table aria-label="Fingerprints">
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">Published as</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([field, label, value]) => (
            <tr key={field}>
              <td>{label}</td>
              <td>
                <code>{field}</code>
              </td>
              <td className="mono fingerprint">{value ?? "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
