import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "HealthLedger", template: "%s · HealthLedger" },
  description: "Verifiable record of what happened to health data",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
