// The response of GET /api/fhir/AuditEvent (docs/audit-event-api.md): a FHIR R4 searchset
// Bundle of the AuditEvents we emit (IHE BALP, mapped in audit-event.ts). Narrower than FHIR:
// it names exactly the elements we fill, strictly, so an element added or lost is a change of
// the wire format. Request parameters are parsed in parse-audit-event-query.ts. Conformance to
// R4 itself is checked by an outside validator in the tests (testing/validate-r4.ts).
import { z } from "zod";
import { EXTENSION } from "./audit-event-codes";

const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

const ZCoding = z
  .object({ system: z.string().min(1), code: z.string().min(1), display: z.string().min(1).optional() })
  .strict();
const ZConcept = z.object({ coding: z.array(ZCoding).length(1) }).strict();
const ZIdentifier = z.object({ system: z.string().min(1).optional(), value: z.string().min(1) }).strict();

const ZAgent = z
  .object({
    type: ZConcept,
    /** A logical reference (users are not FHIR resources here), or "unknown user". */
    who: z
      .object({ identifier: ZIdentifier.optional(), display: z.string().min(1).optional() })
      .strict()
      .refine((w) => !w.identifier !== !w.display, "who has an identifier or a display"),
    role: z.array(ZConcept).length(1).optional(),
    requestor: z.literal(true),
    network: z
      .object({ address: z.string().min(1), type: z.literal("2") })
      .strict()
      .optional(),
    purposeOfUse: z.array(ZConcept).length(1).optional(),
    extension: z
      .array(z.object({ url: z.literal(EXTENSION.userAgent), valueString: z.string().min(1) }).strict())
      .length(1)
      .optional(),
  })
  .strict();

const ZEntity = z
  .object({
    what: z
      .object({ reference: z.string().min(1).optional(), identifier: ZIdentifier.optional() })
      .strict()
      .refine((w) => !w.reference !== !w.identifier, "what is a reference or an identifier")
      .optional(),
    type: ZCoding,
    role: ZCoding.optional(),
    /** The kind of a search ("Patient?by=mrn"), never its terms. */
    description: z.string().min(1).optional(),
  })
  .strict();

export const ZAuditEventResource = z
  .object({
    resourceType: z.literal("AuditEvent"),
    id: z.string().regex(new RegExp(`^${UUID}$`)),
    /** The ledger index once sealed, as a string: indexes outgrow int32. */
    extension: z
      .array(
        z.object({ url: z.literal(EXTENSION.ledgerIndex), valueString: z.string().regex(/^(0|[1-9]\d*)$/) }).strict(),
      )
      .length(1)
      .optional(),
    type: ZCoding,
    subtype: z.array(ZCoding).min(1).max(2),
    action: z.enum(["C", "R", "U", "D", "E"]),
    recorded: z.iso.datetime(),
    outcome: z.enum(["0", "4", "8", "12"]),
    outcomeDesc: z.string().min(1).optional(),
    purposeOfEvent: z.array(ZConcept).length(1).optional(),
    agent: z.array(ZAgent).length(1),
    source: z
      .object({ observer: z.object({ display: z.string().min(1) }).strict(), type: z.array(ZCoding).length(1) })
      .strict(),
    entity: z.array(ZEntity).min(1),
  })
  .strict();
export type TAuditEventResource = z.infer<typeof ZAuditEventResource>;

export const ZAuditEventSearchResponse = z
  .object({
    resourceType: z.literal("Bundle"),
    type: z.literal("searchset"),
    timestamp: z.iso.datetime(),
    /** self, and next while there are more matches. No total: see search-audit-events.ts. */
    link: z
      .array(z.object({ relation: z.enum(["self", "next"]), url: z.url() }).strict())
      .min(1)
      .max(2),
    /** Absent when nothing matches (FHIR JSON has no empty arrays). */
    entry: z
      .array(
        z
          .object({
            fullUrl: z.string().regex(new RegExp(`^urn:uuid:${UUID}$`)),
            resource: ZAuditEventResource,
            search: z.object({ mode: z.literal("match") }).strict(),
          })
          .strict()
          .refine((e) => e.fullUrl === `urn:uuid:${e.resource.id}`, "fullUrl is urn:uuid:<the resource's id>"),
      )
      .min(1)
      .optional(),
  })
  .strict();
export type TAuditEventSearchResponse = z.infer<typeof ZAuditEventSearchResponse>;
