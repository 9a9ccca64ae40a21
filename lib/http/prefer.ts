// The Prefer request header (RFC 7240) as far as a long-running POST needs it: "respond-async"
// (§4.1: answer 202 at once) and "wait=<seconds>" (§4.3: how long the client is willing to wait
// for the final answer). Unknown preferences are ignored, as §2 requires.

export type TPreferences = { respondAsync: boolean; waitSeconds: number | null };

export function parsePrefer(header: string | null): TPreferences {
  const prefs: TPreferences = { respondAsync: false, waitSeconds: null };
  if (!header) return prefs;
  for (const item of header.split(",")) {
    // Parameters after ";" qualify a preference; these two take none.
    const [token] = item.split(";");
    const eq = token.indexOf("=");
    const name = (eq < 0 ? token : token.slice(0, eq)).trim().toLowerCase();
    const value =
      eq < 0
        ? ""
        : token
            .slice(eq + 1)
            .trim()
            .replace(/^"(.*)"$/, "$1");
    if (name === "respond-async") prefs.respondAsync = true;
    else if (name === "wait" && /^\d{1,6}$/.test(value) && prefs.waitSeconds === null)
      prefs.waitSeconds = Number(value);
  }
  return prefs;
}

/**
 * How long to wait for the final answer, in milliseconds: none for respond-async, the client's
 * wait capped at `maxMs`, else `defaultMs`.
 */
export function waitBudgetMs(prefs: TPreferences, opts: { defaultMs: number; maxMs: number }): number {
  if (prefs.respondAsync) return 0;
  if (prefs.waitSeconds !== null) return Math.min(prefs.waitSeconds * 1000, opts.maxMs);
  return opts.defaultMs;
}
