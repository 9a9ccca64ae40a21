// C2SP tlog-policy (c2sp.org/tlog-policy): known logs, known witnesses, groups and the quorum a
// checkpoint's cosignatures must meet. Pure: parsing and the quorum decision, no signatures.
import { parseVerifierKey, type NoteVerifier } from "@/lib/ledger/tlog/note";
import { bytesToHex } from "@/lib/ledger/tlog/encoding";

export const MAX_POLICY_BYTES = 64 * 1024;
// The spec recommends supporting at least 32 of each; we accept that many and no more.
const LIMIT = 32;

export type TPolicyGroup = { readonly name: string; readonly threshold: number; readonly members: readonly string[] };

export type TTlogPolicy = {
  readonly logs: readonly { vkey: string; verifier: NoteVerifier; url?: string }[];
  readonly witnesses: readonly { name: string; vkey: string; verifier: NoteVerifier; url?: string }[];
  readonly groups: readonly TPolicyGroup[];
  /** A witness or group name, or "none". */
  readonly quorum: string;
};

export class PolicyError extends Error {
  override name = "PolicyError";
}

const ALLOWED_BYTES_RE = /^[\t\n\u0020-\u007e\u0080-\uffff]*$/;

export function parseTlogPolicy(text: string): TTlogPolicy {
  if (typeof text !== "string") throw new TypeError("parseTlogPolicy: expected a string");
  if (text.length > MAX_POLICY_BYTES) throw new PolicyError("policy is too large");
  if (!ALLOWED_BYTES_RE.test(text))
    throw new PolicyError("policy may contain no control characters but tab and newline");
  const logs: TTlogPolicy["logs"][number][] = [];
  const witnesses: TTlogPolicy["witnesses"][number][] = [];
  const groups: TPolicyGroup[] = [];
  const names = new Set<string>(["none"]);
  const keys = new Set<string>();
  let quorum: string | null = null;
  const fail = (n: number, why: string) => new PolicyError(`policy line ${n}: ${why}`);
  const key = (n: number, vkey: string) => {
    let v: NoteVerifier;
    try {
      v = parseVerifierKey(vkey);
    } catch (err) {
      throw fail(n, `bad key: ${(err as Error).message}`);
    }
    // Duplicates wrap the same public key, whatever their names (spec: "Public key representation").
    const raw = bytesToHex(v.publicKey);
    if (keys.has(raw)) throw fail(n, "duplicate public key");
    keys.add(raw);
    return v;
  };
  text.split("\n").forEach((raw, i) => {
    const n = i + 1;
    const words = raw.split(/[ \t]+/).filter(Boolean);
    if (words.length === 0 || words[0].startsWith("#")) return;
    const [keyword, ...args] = words;
    if (keyword === "log") {
      if (args.length < 1 || args.length > 2) throw fail(n, "log <vkey> [<url>]");
      logs.push({ vkey: args[0], verifier: key(n, args[0]), ...(args[1] ? { url: args[1] } : {}) });
    } else if (keyword === "witness") {
      if (args.length < 2 || args.length > 3) throw fail(n, "witness <name> <vkey> [<url>]");
      if (names.has(args[0])) throw fail(n, `name ${args[0]} is already defined`);
      names.add(args[0]);
      witnesses.push({ name: args[0], vkey: args[1], verifier: key(n, args[1]), ...(args[2] ? { url: args[2] } : {}) });
    } else if (keyword === "group") {
      const [name, k, ...members] = args;
      if (!name || !k || members.length === 0) throw fail(n, "group <name> <all|any|k> <name>...");
      if (names.has(name)) throw fail(n, `name ${name} is already defined`);
      if (new Set(members).size !== members.length) throw fail(n, "a member is listed twice");
      for (const m of members) if (m === "none" || !names.has(m)) throw fail(n, `member ${m} is not defined above`);
      const threshold = k === "all" ? members.length : k === "any" ? 1 : /^[1-9][0-9]*$/.test(k) ? Number(k) : NaN;
      if (!(threshold >= 1 && threshold <= members.length))
        throw fail(n, `threshold ${k} must be 1..${members.length}`);
      names.add(name);
      groups.push({ name, threshold, members });
    } else if (keyword === "quorum") {
      if (quorum !== null) throw fail(n, "a policy has exactly one quorum line");
      if (args.length !== 1 || !names.has(args[0])) throw fail(n, "quorum <defined name or none>");
      quorum = args[0];
    } else throw fail(n, `unknown keyword ${keyword}`);
  });
  if (quorum === null) throw new PolicyError("policy has no quorum line");
  if (logs.length > LIMIT || witnesses.length > LIMIT || groups.length > LIMIT)
    throw new PolicyError(`policy lists more than ${LIMIT} logs, witnesses or groups`);
  return { logs, witnesses, groups, quorum };
}

/** Whether the witnesses in `cosigned` (by policy name) meet the quorum, evaluated bottom-up. */
export function quorumMet(policy: TTlogPolicy, cosigned: ReadonlySet<string>): boolean {
  const groups = new Map(policy.groups.map((g) => [g.name, g]));
  const met = (name: string): boolean => {
    if (name === "none") return true;
    const g = groups.get(name);
    if (!g) return cosigned.has(name);
    return g.members.filter(met).length >= g.threshold;
  };
  return met(policy.quorum);
}

/**
 * The quorum in words, naming the witness or group as the policy does: `the witness "local"`,
 * `2 of the group "healthledger-witnesses" (w1, w2, w3)`, or `none (no cosignature needed)`.
 */
export function describeQuorum(policy: TTlogPolicy): string {
  if (policy.quorum === "none") return "none (no cosignature needed)";
  const group = policy.groups.find((g) => g.name === policy.quorum);
  if (!group) return `the witness "${policy.quorum}"`;
  const all = group.threshold === group.members.length;
  return `${all ? "all" : group.threshold} of the group "${group.name}" (${group.members.join(", ")})`;
}
