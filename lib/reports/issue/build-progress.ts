// How far the build of one report has come: the phases of issueReport in the order they run, each
// with the count it knows (events cited so far, bundle files written). Pure, so the server that
// records it and the page that draws the bar agree on one meaning. Stored in ReportBuild and
// answered by GET /api/reports/<id>: renaming a phase breaks clients that follow a build.

export const BUILD_PHASES = [
  /** The report's builder reads its rows from the database (no count: it answers once). */
  "reading",
  /** The report row, its leaf and the issuer's access event commit in one transaction. */
  "anchoring",
  /** Waiting for the sequencer to seal the report's leaf. */
  "sealing",
  /** Waiting for a checkpoint covering the leaf to be cosigned by the witnesses' quorum. */
  "witnessing",
  /** The PDF is rendered and signed (PAdES). */
  "signing",
  /** Inclusion proofs of the cited events, read from the ledger's tiles: done of total events. */
  "citations",
  /** The ZIP is written: done of total files. */
  "files",
  /** The bundle is stored. */
  "storing",
] as const;
export type TBuildPhase = (typeof BUILD_PHASES)[number];

export type TBuildStatus = "building" | "ready" | "failed";

export type TBuildProgress = { phase: TBuildPhase; done: number; total: number };

export const PHASE_LABELS: Record<TBuildPhase, string> = {
  reading: "Reading the events",
  anchoring: "Anchoring the report in the ledger",
  sealing: "Waiting for the report's leaf to be sealed",
  witnessing: "Waiting for the witnesses' cosignatures",
  signing: "Rendering and signing the PDF",
  citations: "Proving the cited events",
  files: "Writing the evidence bundle",
  storing: "Storing the evidence bundle",
};

export const INITIAL_PROGRESS: TBuildProgress = { phase: "reading", done: 0, total: 0 };

const rank = (p: TBuildPhase) => BUILD_PHASES.indexOf(p);

export function isBuildPhase(value: string): value is TBuildPhase {
  return (BUILD_PHASES as readonly string[]).includes(value);
}

/**
 * The next progress of a build, refusing what would make a bar go backwards: phases run in order
 * (a phase may be skipped, e.g. no citations), and within one phase the count only grows and never
 * passes its total. A violation is a bug in the caller, so it throws.
 */
export function advanceProgress(current: TBuildProgress, next: TBuildProgress): TBuildProgress {
  if (!isBuildPhase(next.phase)) throw new RangeError(`unknown build phase ${String(next.phase)}`);
  if (!Number.isSafeInteger(next.done) || !Number.isSafeInteger(next.total) || next.done < 0 || next.total < 0)
    throw new RangeError("progress counts are non-negative integers");
  if (next.done > next.total) throw new RangeError(`done ${next.done} passes total ${next.total}`);
  const order = rank(next.phase) - rank(current.phase);
  if (order < 0) throw new RangeError(`phase ${next.phase} comes before ${current.phase}`);
  if (order === 0 && (next.done < current.done || (current.total > 0 && next.total !== current.total)))
    throw new RangeError(`progress in ${next.phase} went backwards`);
  return { phase: next.phase, done: next.done, total: next.total };
}

/**
 * The share of the build done, 0 to 1, for a progress bar: each phase is one step and a counted
 * phase fills its step by its count. It follows the phases, not the clock: a long wait in one
 * phase holds the bar still, as it should.
 */
export function progressFraction(p: TBuildProgress, status: TBuildStatus = "building"): number {
  if (status === "ready") return 1;
  const within = p.total > 0 ? p.done / p.total : 0;
  return (rank(p.phase) + within) / BUILD_PHASES.length;
}

/** One sentence for the page and the API: "Proving the cited events: 40,960 of 100,000 (step 6 of 8)". */
export function describeProgress(p: TBuildProgress): string {
  const count = p.total > 0 ? `: ${p.done.toLocaleString("en-US")} of ${p.total.toLocaleString("en-US")}` : "";
  return `${PHASE_LABELS[p.phase]}${count} (step ${rank(p.phase) + 1} of ${BUILD_PHASES.length})`;
}
