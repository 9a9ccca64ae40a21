import { randomBytes } from "node:crypto";
import { isHttpsUrl } from "@/lib/auth/auth-cookies";

// The headers proxy.ts puts on every page: the parts that differ per request (the CSP's nonce) or
// per deployment (HSTS). The fixed ones (nosniff, frame, referrer, permissions) are in next.config.js.

/** 128 random bits, fresh for each response: a script must carry it to run. */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

/**
 * Scripts run only with this response's nonce; Next puts it on its own script tags (it reads
 * it from the request's CSP header). 'strict-dynamic' lets those scripts load the page's chunks,
 * so no host allow-list is needed ('self' only serves browsers without CSP 3). Development adds
 * 'unsafe-eval' for React's error overlay and fast refresh; production never has it.
 *
 * Styles: <style> and <link> elements need the nonce or our origin, but style attributes
 * (style-src-attr) stay 'unsafe-inline': React renders `style={…}` props as attributes (our
 * layout tweaks, recharts' sizes and SVG styles) and a nonce cannot apply to an attribute. An
 * attribute can restyle only its own element: it has no selectors to probe the page with and
 * cannot run script, so an injected one can deface but not read. Development lets <style>
 * elements in without a nonce too: its style loader inserts them without one.
 */
export function pageContentSecurityPolicy(nonce: string, { dev }: { dev: boolean }): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    // The /verify page's verifier runs in a worker built from our own chunks (no blob: or data:).
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/**
 * HSTS when the configured public URL is https, and only then. Not from x-forwarded-proto: any
 * client can send that header, so it would say nothing about how the browser reached us, and a
 * deployment whose public URL is http (the local demo) must not pin browsers to https.
 */
export function strictTransportSecurity(publicUrl: string | undefined): string | null {
  return isHttpsUrl(publicUrl) ? "max-age=63072000; includeSubDomains" : null;
}
