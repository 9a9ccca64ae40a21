import { AddCareTeamMemberForm, RemoveCareTeamMemberButton } from "./care-team-forms";
import type { TFormState } from "@/lib/http/form-state";

type TMember = { userId: string; name: string; email: string; department: string | null; since: Date };

/** A patient's care team (treatment relationship); members may change it, and every change is anchored. */
export function CareTeamSection({
  members,
  action,
  canChange,
}: {
  members: TMember[];
  action: (s: TFormState, f: FormData) => Promise<TFormState>;
  canChange: boolean;
}) {
  return (
    <section className="card section">
      <h2>Care team</h2>
      {members.length === 0 ? (
        <p className="muted">Nobody is on this patient&apos;s care team.</p>
      ) : (
        <table aria-label="Care team">
          <thead>
            <tr>
              <th>Clinician</th>
              <th>Department</th>
              <th>Since (UTC)</th>
              {canChange && <th />}
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.userId}>
                <td>
                  {m.name} <span className="muted">{m.email}</span>
                </td>
                <td>{m.department ?? "—"}</td>
                <td className="mono">{m.since.toISOString().slice(0, 16).replace("T", " ")}</td>
                {canChange && (
                  <td>
                    <RemoveCareTeamMemberButton action={action} email={m.email} name={m.name} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canChange && <AddCareTeamMemberForm action={action} />}
    </section>
  );
}
