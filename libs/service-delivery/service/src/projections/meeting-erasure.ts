import { ERASED, EventEnvelope } from '@serviceledger/platform/core';
import { ProjectionTables } from '@serviceledger/platform/read-models';
import { CustomerDataErased } from '@serviceledger/service-delivery/domain';
import { MeetingActionRow, MeetingReportRow, MeetingRow } from './meeting-rows';

/**
 * once a customer is erased, the minutes of the project meetings on their cases must not keep what
 * the meetings projection copied of them: each department's report, the decisions, the actions and their
 * outcomes are rewritten to the erased marker, as a rebuild would read them (personal-data.ts declares the
 * same fields). The erasure names the cases (`caseIds`); one recorded before it named them changes nothing here.
 */
export async function eraseMeetingMinutes(event: EventEnvelope & CustomerDataErased, tables: ProjectionTables): Promise<void> {
  const meetings = tables.table<MeetingRow>('meeting');
  const reports = tables.table<MeetingReportRow>('report');
  const actions = tables.table<MeetingActionRow>('action');
  for (const caseId of event.data.caseIds ?? []) {
    for (const { meetingId, decisions } of await meetings.find({ caseId })) {
      await meetings.update({ meetingId }, { decisions: JSON.stringify((JSON.parse(decisions) as unknown[]).map(() => ERASED)) });
      for (const { reportNumber } of await reports.find({ meetingId })) {
        await reports.update({ meetingId, reportNumber }, { progress: ERASED, problems: ERASED, solutions: ERASED });
      }
      for (const { actionNumber, outcome } of await actions.find({ meetingId })) {
        await actions.update({ meetingId, actionNumber }, { description: ERASED, outcome: outcome === null ? null : ERASED });
      }
    }
  }
}
