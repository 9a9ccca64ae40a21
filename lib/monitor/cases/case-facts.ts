import type { PrivacyCase } from "@/lib/generated/prisma/client";
import type { TAssessmentCodes } from "./breach-assessment";
import type { TCaseState, TDetermination, TDiscoveryMethod, TSanctionTier } from "./case-codes";
import type { TCaseFacts } from "./case-status";

/** A stored case as the decision module sees it, with its latest assessment's codes (or none). */
export function caseFactsOf(c: PrivacyCase, assessment: TAssessmentCodes | null): TCaseFacts {
  return {
    state: c.state as TCaseState,
    ownerId: c.ownerId,
    discoveredAt: c.discoveredAt,
    discoveredHow: c.discoveredHow as TDiscoveryMethod,
    determination: c.determination as TDetermination | null,
    sanctionTier: c.sanctionTier as TSanctionTier | null,
    notifiedAt: c.notifiedAt,
    openedAt: c.createdAt,
    assessment,
  };
}
