// What the load benchmark counts of every answer, so a table tells a refusal the server meant from
// a failure: a sign-in refused by the per-address or per-account limit (429, its body names which:
// lib/http/limit-sign-in.ts), by the password-check bound (503 sign_in_busy: every slot taken,
// nothing checked, retry), or for its credentials (401), apart from redirects (a lost session),
// other 4xx, a 503 because no database connection came free in time (code "unavailable", the
// server shedding load: a failure all the same), other 5xx, requests that got no answer within the
// client's timeout, and broken sockets.

export const ANSWER_KINDS = [
  "2xx",
  "401 credentials",
  "429 per address",
  "429 per account",
  "503 busy",
  "3xx",
  "other 4xx",
  "503 db busy",
  "5xx",
  "timeouts",
  "socket errors",
] as const;
export type TAnswerKind = (typeof ANSWER_KINDS)[number];
export type TAnswerCounts = Record<TAnswerKind, number>;

/** Answers the server gives on purpose under load: not served, but not failures either. */
export const REFUSALS: readonly TAnswerKind[] = ["429 per address", "429 per account", "503 busy"];

export const noAnswers = (): TAnswerCounts => Object.fromEntries(ANSWER_KINDS.map((k) => [k, 0])) as TAnswerCounts;

/** The JSON error code (and 429 scope) of a body, if it is one of ours. */
function errorOf(body: string): { code?: unknown; scope?: unknown } {
  if (!body.startsWith("{")) return {};
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown; scope?: unknown } };
    return parsed.error && typeof parsed.error === "object" ? parsed.error : {};
  } catch {
    return {};
  }
}

export function answerKind(status: number, body: string): TAnswerKind {
  if (status >= 200 && status < 300) return "2xx";
  if (status >= 300 && status < 400) return "3xx";
  if (status === 401) return "401 credentials";
  if (status === 429) return errorOf(body).scope === "address" ? "429 per address" : "429 per account";
  if (status === 503 && errorOf(body).code === "sign_in_busy") return "503 busy";
  if (status === 503 && errorOf(body).code === "unavailable") return "503 db busy";
  if (status >= 400 && status < 500) return "other 4xx";
  return "5xx";
}

/** Non-zero counts other than 2xx, as "429 per account 12, 503 busy 3", or "none". */
export function describeAnswers(c: TAnswerCounts): string {
  const parts = ANSWER_KINDS.filter((k) => k !== "2xx" && c[k] > 0).map((k) => `${k} ${c[k].toLocaleString("en-US")}`);
  return parts.length ? parts.join(", ") : "none";
}

/** Everything that is neither served nor a refusal the server meant. */
export function failures(c: TAnswerCounts): number {
  return ANSWER_KINDS.filter((k) => k !== "2xx" && !REFUSALS.includes(k)).reduce((a, k) => a + c[k], 0);
}
