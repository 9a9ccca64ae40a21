import type { Metadata } from "next";
import {
  DecideErasureForm,
  FileErasureForm,
  IssueErasureCertificateButton,
  WithdrawErasureButton,
} from "@/components/erasure/erasure-forms";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/auth/guards";
import { getPrisma } from "@/lib/db/prisma";
import { isErasedText } from "@/lib/keys/patient-text";
import { latestErasureCertificates } from "@/lib/reports/issue/list-erasure-certificates";
import { REFUSAL_GROUNDS } from "@/lib/vault/decide-erasure";
import { listErasureRequests } from "@/lib/vault/list-erasure-requests";
import {
  decideErasureAction,
  fileErasureAction,
  issueErasureCertificateAction,
  withdrawErasureAction,
} from "./actions";

export const metadata: Metadata = { title: "Erasure requests" };

const STATUS_BADGE = { REQUESTED: "warn", APPROVED: "ok", REFUSED: "bad", WITHDRAWN: "" } as const;

export default async function ErasurePage() {
  const user = await requirePagePermission("erasure.decide");
  const requests = await listErasureRequests(getPrisma());
  const certificates = await latestErasureCertificates(
    getPrisma(),
    requests.filter((r) => r.status === "APPROVED").map((r) => r.id),
  );
  return (
    <>
      <PageHeader
        title="Erasure requests"
        subtitle="GDPR Art. 17. Four eyes: whoever files a request cannot decide it. Approval destroys the patient's data key and blind indexes (crypto-shredding); every decision and withdrawal is anchored in the ledger."
      />
      <section className="card">
        <h2>File a request on a data subject&apos;s behalf</h2>
        <FileErasureForm action={fileErasureAction} />
      </section>
      <section className="card section">
        <h2>Requests</h2>
        {requests.length === 0 ? (
          <p className="muted">No erasure requests.</p>
        ) : (
          <table aria-label="Erasure requests">
            <thead>
              <tr>
                <th>Patient (pseudonym)</th>
                <th>Filed</th>
                <th>Status</th>
                <th>Decision</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((r) => (
                <tr key={r.id}>
                  <td className="mono">{r.pseudonym}</td>
                  <td>
                    {r.createdAt.toISOString().slice(0, 16).replace("T", " ")} by{" "}
                    {r.filedBy === "data_subject" ? "the patient" : "compliance"}
                  </td>
                  <td>
                    <span className={`badge ${STATUS_BADGE[r.status]}`}>{r.status.toLowerCase()}</span>
                  </td>
                  <td>
                    {r.status === "REQUESTED" &&
                      (r.requestedById === user.id ? (
                        <>
                          <p className="muted">You filed this request: a different compliance officer decides it.</p>
                          <WithdrawErasureButton action={withdrawErasureAction.bind(null, r.id)} />
                        </>
                      ) : (
                        <DecideErasureForm action={decideErasureAction.bind(null, r.id)} grounds={REFUSAL_GROUNDS} />
                      ))}
                    {r.status === "APPROVED" && (
                      <>
                        {r.recordCount} records made unreadable ·{" "}
                        <a href={`/api/erasure/${r.id}/certificate`} download>
                          Download certificate
                        </a>{" "}
                        (signed JSON) ·{" "}
                        {certificates.has(r.id) ? (
                          <a href={`/api/reports/${certificates.get(r.id)}/bundle`} download>
                            Download evidence bundle (ZIP)
                          </a>
                        ) : (
                          <IssueErasureCertificateButton action={issueErasureCertificateAction.bind(null, r.id)} />
                        )}
                      </>
                    )}
                    {r.status === "REFUSED" && (
                      <>
                        {REFUSAL_GROUNDS[r.ground as keyof typeof REFUSAL_GROUNDS] ?? r.ground}:{" "}
                        {r.reason === null || isErasedText(r.reason) ? (
                          <span className="muted">reason erased with the patient&apos;s data</span>
                        ) : (
                          r.reason
                        )}
                      </>
                    )}
                    {r.status === "WITHDRAWN" && "Withdrawn by the requester"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
