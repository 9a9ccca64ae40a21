import { Fragment } from "react";
import { describeRole, ROLE_LABEL } from "@/lib/access/permissions";

/** What a role lets its holder do, in the permission table's own words. */
export function RolePermissions({ role }: { role: keyof typeof ROLE_LABEL }) {
  const label = `What ${ROLE_LABEL[role].toLowerCase()}s can do`;
  return (
    <section className="card stack" aria-label={label} style={{ margin: "1rem 0" }}>
      <h2>{label}</h2>
      <dl className="facts">
        {describeRole(role).map((p) => (
          <Fragment key={p.action}>
            <dt className="mono">{p.action}</dt>
            <dd>{p.description}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}
