"use client";

import { useState } from "react";
import { NOTARIZED_TITLE_MAX, ZNotarizedTitle } from "@/lib/ledger/notarized-title";

type TReceipt = { id: string; sha256: string; receipt: { index: number; treeSize: number; blockHeight: number } };

async function sha256Hex(file: File): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Hashes the file in the browser: only its SHA-256 and the title are sent. */
export function NotarizeForm() {
  const [pending, setPending] = useState(false);
  const [receipt, setReceipt] = useState<TReceipt | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const file = form.get("file");
    const title = ZNotarizedTitle.safeParse(form.get("title") ?? "");
    if (!title.success) return setError(title.error.issues.map((i) => i.message).join(" "));
    if (!(file instanceof File) || file.size === 0) return setError("Choose a file to notarize.");
    setPending(true);
    setError(null);
    const res = await fetch("/api/ledger/notarized-documents", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ title: title.data, sha256: await sha256Hex(file) }),
    });
    const body = await res.json();
    setPending(false);
    if (!res.ok)
      return setError(
        [body.error?.message, ...(body.error?.details ?? []).map((d: { message: string }) => d.message)]
          .filter(Boolean)
          .join(" "),
      );
    setReceipt(body);
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate>
      <label>
        Title
        <input
          name="title"
          placeholder="e.g. Research extract 2026-Q4"
          maxLength={NOTARIZED_TITLE_MAX}
          aria-describedby="notarize-title-hint"
        />
      </label>
      {/* Titles are stored and anchored in plaintext (docs/data-protection.md): by contract not PHI. */}
      <p id="notarize-title-hint" className="muted">
        The title is stored and published in the ledger in plaintext: never put a patient&apos;s name, MRN or other
        health information in it.
      </p>
      <label>
        File
        <input name="file" type="file" />
      </label>
      <button className="button" type="submit" disabled={pending}>
        {pending ? "Sealing…" : "Notarize"}
      </button>
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      {receipt && (
        <div className="alert info" role="status">
          Sealed at ledger index <strong>{receipt.receipt.index}</strong> in block {receipt.receipt.blockHeight} (tree
          size {receipt.receipt.treeSize}).
          <div className="mono" style={{ wordBreak: "break-all", marginTop: 4 }}>
            SHA-256 {receipt.sha256}
          </div>
        </div>
      )}
    </form>
  );
}
