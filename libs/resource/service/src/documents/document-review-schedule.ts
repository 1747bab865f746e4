import { ModuleRef } from '@nestjs/core';
import { Actor, EventEnvelope, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { RemindDocumentReview, TechnicalDocumentEvent, technicalDocuments } from '@serviceledger/resource/domain';

/** Who sends the review reminders: the service itself. */
export const DOCUMENT_REVIEW_ACTOR: Actor = { userId: 'system:resource', roles: [], departments: [] };

const reviewKey = (documentId: string) => `document-review-${documentId}`;

/**
 * A released document's next review (R-1.1, the review interval): approving it or confirming a review plans a
 * reminder to its owner at `nextReviewDue` (re-planning the same key moves it); superseding or archiving it
 * cancels the reminder. A reminder that fires after all is judged by the decider and ignored when no longer due.
 */
export const documentReviewSchedule: ScheduleDefinition = {
  name: 'resource.document-reviews',
  filter: { streamPrefixes: [technicalDocuments.streamPrefix] },
  changes(envelope: EventEnvelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as TechnicalDocumentEvent;
    const { documentId } = event.data;
    switch (event.type) {
      case 'DocumentApproved':
      case 'DocumentReviewConfirmed': {
        const { nextReviewDue } = event.data;
        return [{ plan: { key: reviewKey(documentId), dueAt: nextReviewDue, type: 'RemindDocumentReview', data: { documentId, dueAt: nextReviewDue } } }];
      }
      case 'DocumentSuperseded':
      case 'DocumentArchived':
        return [{ cancel: reviewKey(documentId) }];
      default:
        return [];
    }
  },
};

/** Sends a due reminder to its document under the scheduler's command id. */
export const documentReviewSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ data, commandId, at, cause }) => {
    const command: RemindDocumentReview = { type: 'RemindDocumentReview', data: data as RemindDocumentReview['data'], metadata: causedBy(cause, { commandId, at, actor: DOCUMENT_REVIEW_ACTOR }) };
    await moduleRef.get(Commands, { strict: false }).execute(technicalDocuments, command);
  };
