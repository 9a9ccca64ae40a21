import Link from "next/link";
import type { TSearchHit } from "@/lib/access/search/search-patients";

/** Search hits as the policy lets the searcher see them: in full, or name and year of birth only. */
export function PatientSearchResults({ by, hits }: { by: "mrn" | "lastName"; hits: TSearchHit[] }) {
  if (hits.length === 0) return <p className="muted">No patient matches that {by === "mrn" ? "MRN" : "last name"}.</p>;
  const limited = hits.some((h) => h.view === "limited");
  return (
    <>
      <table aria-label="Search results">
        <thead>
          <tr>
            <th>Name</th>
            <th>Born</th>
            <th>MRN</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((h) => (
            <tr key={h.patientId}>
              <td>
                <Link href={`/records/${h.patientId}`}>{h.name}</Link>
                {h.view === "limited" && (
                  <>
                    {" "}
                    <span className="badge warn">no relationship</span>
                  </>
                )}
              </td>
              <td>{h.view === "full" ? (h.birthDate ?? "—") : (h.birthYear ?? "—")}</td>
              <td className="mono">{h.view === "full" ? (h.mrn ?? "—") : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {limited && (
        <p className="muted">
          Patients marked “no relationship” are not on your care team and no consent of theirs covers you: you see their
          name and year of birth only. Opening the chart is decided by the access policy, and offers emergency access
          (break-glass) when it is denied.
        </p>
      )}
    </>
  );
}
