// 164.528(b)(3): several disclosures to one recipient for one purpose may be accounted as one
// entry: the first disclosure in full, the frequency or number of disclosures, and the date of
// the last. Entries group by recipient and purpose as staff typed them (case and spacing aside)
// and by legal basis; a recipient with one disclosure stays a single entry.

export type TGroupable = {
  disclosedAt: Date;
  recipientName: string;
  legalBasis: string;
  purpose: string;
};

export type TDisclosureGroup<T> = {
  first: T;
  last: T;
  count: number;
  /** Mean days between consecutive disclosures, rounded; null for a single disclosure. */
  everyDays: number | null;
  members: T[];
};

const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase("en");

/** Groups of one recipient, purpose and legal basis, oldest first; members oldest first. */
export function groupRepeated<T extends TGroupable>(entries: readonly T[]): TDisclosureGroup<T>[] {
  const byKey = new Map<string, T[]>();
  for (const e of [...entries].sort((a, b) => a.disclosedAt.getTime() - b.disclosedAt.getTime())) {
    const key = JSON.stringify([norm(e.recipientName), norm(e.purpose), e.legalBasis]);
    const list = byKey.get(key);
    if (list) list.push(e);
    else byKey.set(key, [e]);
  }
  return [...byKey.values()]
    .map((members) => {
      const first = members[0];
      const last = members[members.length - 1];
      const spanDays = (last.disclosedAt.getTime() - first.disclosedAt.getTime()) / 86_400_000;
      return {
        first,
        last,
        count: members.length,
        everyDays: members.length > 1 ? Math.round(spanDays / (members.length - 1)) : null,
        members,
      };
    })
    .sort((a, b) => a.first.disclosedAt.getTime() - b.first.disclosedAt.getTime());
}
