import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "HealthLedger", template: "%s · HealthLedger" },
  description: "Verifiable record of what happened to health data",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: its scripts must carry that response's CSP nonce (proxy.ts),
  // which a page prerendered at build time could not have.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
