import type { AccessEvent } from "@/lib/generated/prisma/client";
import { EXTENSION, purposeConcept, subtypeCodings, SYSTEM, typeCoding } from "./audit-event-codes";
import type { TAuditEventResource } from "./search-audit-events.types";

// Access event → FHIR R4 AuditEvent following IHE BALP (Basic Audit Log Patterns). Choices:
// - Users are not FHIR resources here, so agent.who is a logical reference (identifier in
//   urn:healthledger:user), never a literal Practitioner/<id> that would not resolve.
// - The user agent has no AuditEvent element: it goes in an extension on the user agent.
// - R4 AuditEvent has no identifier: the request id is a BALP "XrequestId" entity, and the
//   ledger index (once sealed) an extension; it is a string because indexes outgrow int32.
// - entity.query is never filled: search terms can be PHI. Access events store only the kind
//   of search ("Patient?by=mrn"), which goes in entity.description.

type TAgent = TAuditEventResource["agent"][number];
type TEntity = TAuditEventResource["entity"][number];

export type TAuditEventOptions = { observer: string; ledgerIndex?: bigint | number | null };

const ENTITY_TYPE = {
  person: { system: SYSTEM.entityType, code: "1", display: "Person" },
  systemObject: { system: SYSTEM.entityType, code: "2", display: "System Object" },
} as const;
const ROLE = {
  patient: { system: SYSTEM.objectRole, code: "1", display: "Patient" },
  domainResource: { system: SYSTEM.objectRole, code: "4", display: "Domain Resource" },
  securityUser: { system: SYSTEM.objectRole, code: "11", display: "Security User" },
  query: { system: SYSTEM.objectRole, code: "24", display: "Query" },
} as const;

function agentOf(e: AccessEvent): TAgent {
  return {
    type: { coding: [{ system: SYSTEM.securityRoleType, code: "humanuser", display: "human user" }] },
    who: e.actorId ? { identifier: { system: SYSTEM.user, value: e.actorId } } : { display: "unknown user" },
    ...(e.actorRole ? { role: [{ coding: [{ system: SYSTEM.role, code: e.actorRole }] }] } : {}),
    requestor: true,
    ...(e.network ? { network: { address: e.network, type: "2" as const } } : {}),
    ...(e.purposeOfUse ? { purposeOfUse: [purposeConcept(e.purposeOfUse)] } : {}),
    ...(e.userAgent ? { extension: [{ url: EXTENSION.userAgent, valueString: e.userAgent }] } : {}),
  };
}

/** What the event touched, besides the patient: a resource, a user account, or a kind of search. */
function whatEntity(what: string, patientRef: string | null): TEntity | null {
  if (what === patientRef) return null;
  const ref = /^([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})$/.exec(what);
  if (ref?.[1] === "User")
    return {
      what: { identifier: { system: SYSTEM.user, value: ref[2] } },
      type: ENTITY_TYPE.systemObject,
      role: ROLE.securityUser,
    };
  if (ref) return { what: { reference: what }, type: ENTITY_TYPE.systemObject, role: ROLE.domainResource };
  if (what.includes("?")) return { type: ENTITY_TYPE.systemObject, role: ROLE.query, description: what };
  return { type: ENTITY_TYPE.systemObject, role: ROLE.domainResource, description: what };
}

function entitiesOf(e: AccessEvent): TEntity[] {
  const patientRef = e.patientId ? `Patient/${e.patientId}` : null;
  const out: TEntity[] = [];
  if (patientRef) out.push({ what: { reference: patientRef }, type: ENTITY_TYPE.person, role: ROLE.patient });
  const what = e.entityWhat ? whatEntity(e.entityWhat, patientRef) : null;
  if (what) out.push(what);
  out.push({
    what: { identifier: { value: e.requestId } },
    type: { system: SYSTEM.balpEntityType, code: "XrequestId", display: "X-Request-Id" },
  });
  return out;
}

export function toAuditEvent(e: AccessEvent, opts: TAuditEventOptions): TAuditEventResource {
  const ledger =
    opts.ledgerIndex === null || opts.ledgerIndex === undefined
      ? []
      : [{ url: EXTENSION.ledgerIndex, valueString: String(opts.ledgerIndex) }];
  return {
    resourceType: "AuditEvent",
    id: e.id,
    ...(ledger.length ? { extension: ledger } : {}),
    type: typeCoding(e.type),
    subtype: subtypeCodings(e.type, e.subtype),
    action: e.action as TAuditEventResource["action"],
    recorded: e.recorded.toISOString(),
    outcome: e.outcome as TAuditEventResource["outcome"],
    ...(e.outcomeDesc ? { outcomeDesc: e.outcomeDesc } : {}),
    ...(e.purposeOfUse ? { purposeOfEvent: [purposeConcept(e.purposeOfUse)] } : {}),
    agent: [agentOf(e)],
    source: {
      observer: { display: opts.observer },
      type: [{ system: SYSTEM.sourceType, code: "4", display: "Application Server" }],
    },
    entity: entitiesOf(e),
  };
}
