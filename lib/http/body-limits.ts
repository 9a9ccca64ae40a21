// The most bytes each route reads from a request body. A body over its route's cap is refused with
// 413 before it is parsed: by its Content-Length at once, or, sent chunked, as soon as the bytes
// read pass the cap. Sizes are a few times what a valid request needs, never "unlimited".

const KiB = 1024;
const MiB = 1024 * KiB;

/** Small JSON commands: `{"disabled": true}`, `{"toRole": "…"}`, `{"approve": false}`. */
export const COMMAND_BODY_BYTES = 1 * KiB;
/** An audit engagement: an auditor's id, a period, an expiry and a list of report types. */
export const ENGAGEMENT_BODY_BYTES = 4 * KiB;
/** A new staff account: email, name, department and role. */
export const CREATE_USER_BODY_BYTES = 4 * KiB;
/** A notarization: a SHA-256 in hex and a title of at most 200 characters. */
export const NOTARIZE_BODY_BYTES = 4 * KiB;
/** next-auth's credentials form: email, password, TOTP code and its CSRF token. */
export const SIGN_IN_BODY_BYTES = 8 * KiB;
/** A FHIR Bundle to import; its entries are capped too (lib/fhir/import-bundle.ts). */
export const FHIR_IMPORT_BODY_BYTES = 20 * MiB;
/** Routes that take no body: an empty one, or a stray `{}` from a client library. */
export const NO_BODY_BYTES = 64;
