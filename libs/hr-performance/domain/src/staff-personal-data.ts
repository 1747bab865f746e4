import { PersonalDataDeclarations } from '@serviceledger/platform/core';
import { DevelopmentPlanRecorded, DevelopmentPlanReviewed } from './development-plans';
import { EmployeeDataErased, EmployeeHired } from './employees';

/**
 * Where staff records hold an employee's personal data (R-3.1, ADR 0016): the platform stores these fields
 * encrypted with the employee's data key (subject `employee:<id>`, shared with the appraisals), and `EmployeeDataErased` (after leaving) destroys it. The name is
 * the only personal detail an employee record keeps; a development plan is about the person throughout
 * (interests, strengths, goals, the training offered, what its reviews said). Identifiers, posts, levels,
 * dates and scores stay plain: scoping, the training matrix and due dates work on them.
 */
/** The data subject of an employee's personal data: the same key as their appraisals' (`employee:<id>`, apart from customers' keys). */
const employeeKey = (employeeId: string): string => `employee:${employeeId}`;

export const staffPersonalData: PersonalDataDeclarations = {
  personal: [
    { eventType: 'EmployeeHired', fields: ['name'], subject: (data: EmployeeHired['data']) => employeeKey(data.employeeId) },
    {
      eventType: 'DevelopmentPlanRecorded',
      fields: ['interests', 'strengths', 'goals', 'trainingOpportunities'],
      subject: (data: DevelopmentPlanRecorded['data']) => employeeKey(data.employeeId),
    },
    { eventType: 'DevelopmentPlanReviewed', fields: ['notes'], subject: (data: DevelopmentPlanReviewed['data']) => employeeKey(data.employeeId) },
  ],
  erasures: [{ eventType: 'EmployeeDataErased', subject: (data: EmployeeDataErased['data']) => employeeKey(data.employeeId) }],
};
