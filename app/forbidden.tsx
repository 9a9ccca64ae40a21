import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="center-page">
      <div className="card" style={{ maxWidth: 460 }}>
        <h1>403 — Not allowed</h1>
        <p className="muted">Your role does not give access to this page. The attempt has not changed anything.</p>
        <Link href="/">Go to your home page</Link>
      </div>
    </main>
  );
}
