// HL_WITNESSES: the tlog witnesses the app asks to cosign its checkpoints, one entry per witness
// separated by ";" or a newline, each "<name> <submission URL> <verifier key>", e.g.
//   HL_WITNESSES="regulator https://witness.regulator.example ops.regulator.example/w1+1a2b3c4d+BF…"
// The name is the witness's name in the tlog-policy (letters, digits, . _ -); the verifier key is
// its C2SP vkey (type 0x04 or 0x01), checked in full by lib/ledger/witness. HL_WITNESS_QUORUM is
// how many must cosign a checkpoint (default: all when there are at most two, else a majority).

export type TWitnessConfig = { name: string; url: string; verifierKey: string };

/** The most witnesses the app pushes to (tlog-policy asks implementations to support 32). */
export const MAX_WITNESSES = 32;
const NAME_RE = /^[A-Za-z0-9._-]{1,64}$/;
const VKEY_RE = /^[^\s+]{1,256}\+[0-9a-f]{8}\+[A-Za-z0-9+/]{43,44}={0,2}$/;

export function parseWitnesses(value: string | undefined): TWitnessConfig[] {
  const entries = (value ?? "")
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (entries.length > MAX_WITNESSES) throw new Error(`at most ${MAX_WITNESSES} witnesses`);
  const out: TWitnessConfig[] = [];
  for (const entry of entries) {
    const parts = entry.split(/\s+/);
    const shown = JSON.stringify(entry.slice(0, 40));
    if (parts.length !== 3) throw new Error(`${shown} must be "<name> <url> <verifier key>"`);
    const [name, url, verifierKey] = parts;
    if (!NAME_RE.test(name)) throw new Error(`witness name ${shown} may hold letters, digits, ".", "_" and "-" only`);
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new Error(`witness ${name}: ${JSON.stringify(url.slice(0, 60))} is not a URL`);
    }
    if (!["http:", "https:"].includes(parsed.protocol) || parsed.search || parsed.hash || parsed.username)
      throw new Error(`witness ${name}: the URL must be http(s) without query, fragment or credentials`);
    if (!VKEY_RE.test(verifierKey)) throw new Error(`witness ${name}: the verifier key must be <name>+<id>+<key>`);
    if (out.some((w) => w.name === name)) throw new Error(`witness ${name} is listed twice`);
    if (out.some((w) => w.verifierKey.split("+")[2] === verifierKey.split("+")[2]))
      throw new Error(`witness ${name} has the same key as another witness`);
    out.push({ name, url: url.replace(/\/+$/, ""), verifierKey });
  }
  return out;
}

/** k of n: the configured number, or all of n ≤ 2, else a majority (so two quorums always share a witness). */
export function witnessQuorum(n: number, configured?: number): number {
  if (configured !== undefined) {
    if (!Number.isInteger(configured) || configured < 0 || configured > n)
      throw new Error(`HL_WITNESS_QUORUM must be between 0 and the ${n} configured witness(es)`);
    return configured;
  }
  return n <= 2 ? n : Math.floor(n / 2) + 1;
}
