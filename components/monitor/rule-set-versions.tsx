import type { TRuleSetVersion } from "@/lib/monitor/list-rule-sets";

/** Every activated version, newest first; the hash is the one each alert records. */
export function RuleSetVersions({ versions }: { versions: TRuleSetVersion[] }) {
  if (versions.length === 0)
    return <p className="muted">No version has been activated: the built-in thresholds (version 0) are in force.</p>;
  return (
    <table aria-label="Rule set versions">
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Activated (UTC)</th>
          <th scope="col">By</th>
          <th scope="col">Hash (SHA-256)</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version}>
            <td>{v.version}</td>
            <td>{v.activatedAt.toISOString().slice(0, 16).replace("T", " ")}</td>
            <td>{v.activatedBy ?? "—"}</td>
            <td>
              <code className="mono break">{v.hash}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** What no rule can detect, said where the rules are configured rather than faked. */
export function RuleBlindSpots() {
  return (
    <ul>
      <li>
        <strong>MRN adjacency</strong> (opening the records numbered just before and after a known patient): the vault
        keeps MRNs only as keyed blind indexes, which keep no order, so neighbouring numbers cannot be recognised.
      </li>
      <li>
        <strong>Ex-spouses, family and friends</strong>: without relationship data, a relative with another last name at
        another address is invisible. The rules compare last names, addresses and next-of-kin names only.
      </li>
      <li>
        <strong>Typing differences</strong>: a name or address written differently yields a different index; case,
        diacritics and punctuation are the only differences absorbed.
      </li>
    </ul>
  );
}
