import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { AnnualReviewRecorded, AppraisalAssessed, AppraisalRevised } from './appraisal';

/**
 * An appraisal is personal data of the appraised employee (H-2; R-3.1, ADR 0016): the head's qualitative
 * assessment, the annual review and a revision's reason are encrypted in the log under the employee's own
 * data key (subject `employee:<id>`, apart from customers' keys). Scores, lines and facts stay plain:
 * outcomes, exports and the aggregates per department are computed from them, and none of them is read
 * outside the access rule (`appraisal-access.ts`).
 */
export const employeeSubject = (employeeId: string): string => `employee:${employeeId}`;

export const appraisalPersonalData: PersonalDataDeclarations = {
  personal: [
    { eventType: 'AppraisalAssessed', fields: ['assessment'], subject: (data: AppraisalAssessed['data']) => employeeSubject(data.employeeId) },
    {
      eventType: 'AnnualReviewRecorded',
      fields: ['goalsMet', 'strengths', 'developmentNeeds'],
      subject: (data: AnnualReviewRecorded['data']) => employeeSubject(data.employeeId),
    },
    { eventType: 'AppraisalRevised', fields: ['reason'], subject: (data: AppraisalRevised['data']) => employeeSubject(data.employeeId) },
  ],
};
