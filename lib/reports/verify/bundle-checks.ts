// The verifier's result: one entry per check, each with the part it concerns, the bundle file it
// names, a stable code (for tests, UI and scripts) and a sentence for people.
export type TCheckPart =
  | "bundle"
  | "keys"
  | "dsse"
  | "subjects"
  | "policy"
  | "checkpoint"
  | "cosignatures"
  | "report-leaf"
  | "citations"
  | "pdf";

export type TCheckStatus = "passed" | "failed" | "skipped";

export type TCheckCode =
  | "ok"
  | "zip-unreadable"
  | "unexpected-file"
  | "missing-file"
  | "key-malformed"
  | "key-mismatch"
  | "dsse-invalid"
  | "statement-invalid"
  | "not-a-subject"
  | "digest-mismatch"
  | "policy-invalid"
  | "proof-malformed"
  | "checkpoint-invalid"
  | "cosignature-invalid"
  | "quorum-not-met"
  | "inclusion-failed"
  | "leaf-mismatch"
  | "citations-invalid"
  | "pdf-invalid"
  | "pdf-not-checked";

export type TBundleCheck = {
  part: TCheckPart;
  status: TCheckStatus;
  code: TCheckCode;
  /** The bundle file the check is about, or null for the bundle as a whole. */
  file: string | null;
  message: string;
};

/** Collects checks in order; `ok` is true when none failed (a skipped check is shown, not failed). */
export class CheckList {
  readonly checks: TBundleCheck[] = [];

  pass(part: TCheckPart, file: string | null, message: string): void {
    this.checks.push({ part, status: "passed", code: "ok", file, message });
  }

  fail(part: TCheckPart, code: TCheckCode, file: string | null, message: string): false {
    this.checks.push({ part, status: "failed", code, file, message });
    return false;
  }

  skip(part: TCheckPart, code: TCheckCode, file: string | null, message: string): void {
    this.checks.push({ part, status: "skipped", code, file, message });
  }

  get failed(): TBundleCheck[] {
    return this.checks.filter((c) => c.status === "failed");
  }
}
