import QRCode from "qrcode";

/** The otpauth:// URI as an SVG QR code, rendered on the server (no request leaves the app). */
export async function TotpQr({ uri }: { uri: string }) {
  const svg = await QRCode.toString(uri, { type: "svg", margin: 1, width: 200, errorCorrectionLevel: "M" });
  return (
    <div
      role="img"
      aria-label="QR code for your authenticator app"
      style={{ width: 200, height: 200 }}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
