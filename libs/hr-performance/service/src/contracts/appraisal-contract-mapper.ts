import { EventEnvelope } from '@serviceledger/platform/core';
import { ContractMapper, contractMessageFor } from '@serviceledger/platform/messaging';
import { APPRAISAL_FINALISED_V1, HR_PERFORMANCE_SOURCE, HrAppraisalContractData, HrPromotionContractData, PROMOTION_DECIDED_V1 } from '@serviceledger/hr-performance/contracts';
import { AppraisalEvent, AppraisalIdentity, CareerEvent, appraisals, careers } from '@serviceledger/hr-performance/domain';

/** Keyed and subjected by the employee id, so that one person's events stay in order on the staff topic. */
const message = contractMessageFor<HrAppraisalContractData & HrPromotionContractData>({ source: HR_PERFORMANCE_SOURCE, keyOf: (data) => data.employeeId });

/** The streams whose events are published: appraisals' and careers'. */
export const APPRAISAL_PUBLISHED_STREAMS = [appraisals.streamPrefix, careers.streamPrefix];

/** An appraisal finalised, or revised, as `appraisal.finalised.v1` with its revision number and when that revision was settled. */
function finalisedMessage(envelope: EventEnvelope, appraisal: AppraisalIdentity & { score: number | null }, revision: number, finalisedAt: string) {
  const { appraisalId, employeeId, departmentId, postId, kind, period, scheme, score } = appraisal;
  return message(envelope, APPRAISAL_FINALISED_V1, {
    appraisalId,
    employeeId,
    departmentId,
    postId,
    kind,
    period,
    score,
    ...(scheme ? { scheme: { postId: scheme.postId, version: scheme.version } } : {}),
    revision,
    finalisedAt,
    occurredAt: envelope.occurredAt,
  });
}

/**
 * Appraisals and careers → public events: an appraisal finalised, and each revision of it with the next
 * revision number (H-2.2), a promotion decided (H-3.2). Built field by field: the head's assessment, the
 * annual review, a revision's or an exception's reason and the lines stay inside (personal data, R-3.1).
 * Drafts, assessments, reviews, flags and pay adjustments are not published.
 */
export const mapAppraisalEvent: ContractMapper = (envelope) => {
  if (!APPRAISAL_PUBLISHED_STREAMS.some((prefix) => envelope.stream.startsWith(prefix))) return undefined;
  const event = { type: envelope.type, data: envelope.data } as AppraisalEvent | CareerEvent;
  const occurredAt = envelope.occurredAt;
  switch (event.type) {
    case 'AppraisalFinalised':
      return finalisedMessage(envelope, event.data, 0, event.data.finalisedAt);
    case 'AppraisalRevised':
      return finalisedMessage(envelope, event.data, event.data.revision, event.data.revisedAt);
    case 'PromotionDecided': {
      const { employeeId, departmentId, trackId, trackVersion, fromLevel, toLevel, effectiveOn, exception, unmet, decidedAt } = event.data;
      return message(envelope, PROMOTION_DECIDED_V1, {
        employeeId,
        departmentId,
        trackId,
        trackVersion,
        fromLevel,
        toLevel,
        effectiveOn,
        exception: !!exception,
        unmetCriteria: unmet.map((u) => u.criterion),
        decidedAt,
        occurredAt,
      });
    }
    case 'MonthlyAppraisalDrafted':
    case 'AnnualAppraisalDrafted':
    case 'AppraisalAssessed':
    case 'AnnualReviewRecorded':
    case 'AppraisalFlaggedForReview':
    case 'PayAdjustmentRecorded':
      return undefined;
    default:
      return notAnAppraisalEvent(event);
  }
};

/** Typed `never`: an appraisal or career event added to the domain fails to compile here until it is mapped or listed above. */
function notAnAppraisalEvent(_event: never): undefined {
  return undefined;
}
