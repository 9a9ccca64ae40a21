"use client";

// A page of the shell that failed: the sidebar and any notice above (e.g. the rollback guard's
// "Patient data is unavailable") stay visible; production builds hide the error's own text.
export default function ShellError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="card stack" aria-label="Page unavailable">
      <h1 style={{ margin: 0 }}>This page could not be shown</h1>
      <p>If a notice above says that patient data is unavailable, that is why. Otherwise try again.</p>
      {error.digest && <p className="mono">Reference: {error.digest}</p>}
      <div>
        <button className="button secondary" type="button" onClick={reset}>
          Try again
        </button>
      </div>
    </section>
  );
}
