import Link from "next/link";

export default function NotFound() {
  return (
    <main className="center-page">
      <div className="card" style={{ maxWidth: 460 }}>
        <h1>404 — Not found</h1>
        <p className="muted">There is no page at this address.</p>
        <Link href="/">Go to your home page</Link>
      </div>
    </main>
  );
}
