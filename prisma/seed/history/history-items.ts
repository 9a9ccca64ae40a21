// What the history generator emits: access events of the past, and the break-glass declarations
// among them (written through declareBreakGlass, which seals the reason and raises the alert).
import type { Faker } from "@faker-js/faker";
import { AUDIT_TYPE } from "../../../lib/access/record-access-event";
import type { THistoricAccessEvent } from "../../../lib/access/import-access-events";
import { decideAccess, type TAccessDecision } from "../../../lib/access/policy/decide-access";
import { decideSearchHit } from "../../../lib/access/policy/decide-search-hit";
import type { TAccessAction, TPurposeOfUse } from "../../../lib/access/policy/policy-rules";
import type { TStaffMember } from "./world";

export type THistoryItem =
  | { kind: "event"; at: Date; event: THistoricAccessEvent }
  | { kind: "break-glass"; at: Date; actorId: string; actorName: string; patientId: string };

export const byTime = (a: THistoryItem, b: THistoryItem) => a.at.getTime() - b.at.getTime();

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPad; CPU OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
];

/** A member of staff's workstation: one address and browser each, stable across the history. */
export function workstation(s: TStaffMember, index: number) {
  return {
    network: `10.${20 + (index % 40)}.${(s.staffNumber ?? 200 + index) % 250}.${10 + (index % 200)}`,
    userAgent: USER_AGENTS[index % USER_AGENTS.length]!,
  };
}

export type TActorContext = { staff: TStaffMember; network: string; userAgent: string; faker: Faker };

const AUDIT_ACTION = { read: "R", search: "E", create: "C", update: "U", export: "R" } as const;

function eventOf(
  a: TActorContext,
  at: Date,
  e: Omit<THistoricAccessEvent, "recorded" | "requestId" | "actorId" | "actorRole">,
) {
  const event: THistoricAccessEvent = {
    ...e,
    recorded: at,
    actorId: a.staff.id,
    actorRole: a.staff.role,
    network: a.network,
    userAgent: a.userAgent,
    requestId: a.faker.string.uuid(),
  };
  return { kind: "event" as const, at, event };
}

export function signInItem(a: TActorContext, at: Date, failure?: "wrong password" | "wrong code" | "account disabled") {
  return eventOf(a, at, {
    type: AUDIT_TYPE.userAuthentication.type,
    subtype: AUDIT_TYPE.userAuthentication.subtype.login,
    action: "E",
    outcome: failure ? "4" : "0",
    outcomeDesc: failure,
    entityWhat: `User/${a.staff.id}`,
  });
}

export function signOutItem(a: TActorContext, at: Date) {
  return eventOf(a, at, {
    type: AUDIT_TYPE.userAuthentication.type,
    subtype: AUDIT_TYPE.userAuthentication.subtype.logout,
    action: "E",
    outcome: "0",
    entityWhat: `User/${a.staff.id}`,
  });
}

export type TPatientAccess = {
  patientId: string;
  action: TAccessAction;
  careTeam: boolean;
  breakGlass?: boolean;
  purposeOfUse?: TPurposeOfUse;
  resourceType?: string;
  entityWhat?: string;
};

/** One access to a patient, decided by the app's own policy function, as authorizePatientAccess records it. */
export function patientAccessItem(a: TActorContext, at: Date, x: TPatientAccess) {
  const purposeOfUse =
    x.purposeOfUse ??
    (a.staff.role === "PATIENT" ? "PATIENT_REQUEST" : a.staff.role === "CLINICIAN" ? "TREAT" : "OPERATIONS");
  const decision: TAccessDecision = decideAccess({
    actor: { id: a.staff.id, role: a.staff.role, organization: a.staff.department, patientId: a.staff.patientId },
    action: x.action,
    purposeOfUse,
    patientId: x.patientId,
    resourceType: x.resourceType,
    careTeam: x.careTeam,
    consents: [],
    breakGlass: x.breakGlass ?? false,
    now: at,
  });
  const item = eventOf(a, at, {
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype[x.action],
    action: AUDIT_ACTION[x.action],
    outcome: decision.decision === "permit" ? "0" : "4",
    outcomeDesc: `${decision.reason} (policy ${decision.policyVersion})`,
    purposeOfUse: decision.breakGlass ? "ETREAT" : purposeOfUse,
    patientId: x.patientId,
    entityWhat: x.entityWhat ?? x.resourceType ?? `Patient/${x.patientId}`,
  });
  return { item, allowed: decision.decision === "permit" };
}

/**
 * A patient search as authorizePatientSearch records it: the search and one event per hit under
 * one request id, each hit decided as opening its chart would be (shown "0", hidden "4").
 */
export function searchItems(a: TActorContext, at: Date, hits: readonly { patientId: string; careTeam: boolean }[]) {
  const actor = { id: a.staff.id, role: a.staff.role, organization: a.staff.department, patientId: a.staff.patientId };
  const search = decideAccess({
    actor,
    action: "search",
    purposeOfUse: "TREAT",
    patientId: null,
    careTeam: false,
    consents: [],
    breakGlass: false,
    now: at,
  });
  const policy = `(policy ${search.policyVersion})`;
  const requestId = a.faker.string.uuid();
  const decided = hits.map((h) =>
    decideSearchHit({
      actor,
      purposeOfUse: "TREAT",
      patientId: h.patientId,
      careTeam: h.careTeam,
      consents: [],
      breakGlass: false,
      now: at,
    }),
  );
  const shown = decided.filter((d) => d.view !== "hidden").length;
  const base = {
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype.search,
    action: "E" as const,
    actorId: a.staff.id,
    actorRole: a.staff.role,
    purposeOfUse: "TREAT",
    network: a.network,
    userAgent: a.userAgent,
    requestId,
    recorded: at,
  };
  const items: THistoryItem[] = [
    {
      kind: "event",
      at,
      event: {
        ...base,
        patientId: null,
        entityWhat: "Patient?by=name",
        outcome: "0",
        outcomeDesc: `${search.reason} ${policy}; ${shown} of ${hits.length} shown`,
      },
    },
  ];
  hits.forEach((h, i) => {
    const d = decided[i]!;
    items.push({
      kind: "event",
      at,
      event: {
        ...base,
        patientId: h.patientId,
        entityWhat: `Patient/${h.patientId}`,
        outcome: d.view === "hidden" ? "4" : "0",
        outcomeDesc: `${d.view}: ${d.reason} (policy ${d.policyVersion})`,
      },
    });
  });
  return items;
}

/** A compliance officer's search of the audit log (FHIR AuditEvent), as searchAuditEvents records it. */
export function auditSearchItem(a: TActorContext, at: Date, params: string) {
  return eventOf(a, at, {
    type: AUDIT_TYPE.restful.type,
    subtype: AUDIT_TYPE.restful.subtype.search,
    action: "E",
    outcome: "0",
    purposeOfUse: "OPERATIONS",
    entityWhat: `AuditEvent?${params}`,
  });
}
