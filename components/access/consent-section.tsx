import { CONSENT_PURPOSES, CONSENT_RESOURCE_TYPES } from "@/lib/access/consents/consent-input";
import type { TConsentView } from "@/lib/access/consents/list-consents";
import { GrantConsentForm, RevokeConsentButton } from "./consent-forms";
import type { TFormState } from "@/lib/http/form-state";

type TAction = (s: TFormState, f: FormData) => Promise<TFormState>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "…");

/** A patient's consent directives with revoke buttons, and the form to record a new one. */
export function ConsentSection({
  consents,
  grant,
  revoke,
  exportHref,
}: {
  consents: TConsentView[];
  grant: TAction;
  revoke: TAction;
  exportHref: string;
}) {
  return (
    <>
      {consents.length === 0 ? (
        <p className="muted">No consent directives yet: only the care team may see this record.</p>
      ) : (
        <table aria-label="Consents">
          <thead>
            <tr>
              <th>Provision</th>
              <th>Grantee</th>
              <th>Purposes</th>
              <th>Data</th>
              <th>Period</th>
              <th>Status</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <td>
                  <span className={`badge ${c.provisionType === "deny" ? "bad" : "ok"}`}>{c.provisionType}</span>
                </td>
                <td>
                  {c.granteeType}: {c.granteeLabel}
                </td>
                <td>{c.purposes.length ? c.purposes.join(", ") : "all"}</td>
                <td>{c.resourceTypes.length ? c.resourceTypes.join(", ") : "all"}</td>
                <td className="mono">
                  {c.periodStart || c.periodEnd ? `${day(c.periodStart)} – ${day(c.periodEnd)}` : "open-ended"}
                </td>
                <td>
                  {c.revokedAt ? (
                    <span className="badge warn">revoked {day(c.revokedAt)}</span>
                  ) : (
                    <span className="badge">{c.status}</span>
                  )}
                </td>
                <td>{!c.revokedAt && <RevokeConsentButton action={revoke} consentId={c.id} />}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p>
        <a href={exportHref} download>
          Download as FHIR Consent Bundle
        </a>
      </p>
      <h3>Record a consent</h3>
      <GrantConsentForm action={grant} purposes={CONSENT_PURPOSES} resourceTypes={CONSENT_RESOURCE_TYPES} />
    </>
  );
}
