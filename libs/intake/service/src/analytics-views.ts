import { AnalyticsViewDefinition } from '@serviceledger/platform/read-models';
import { COMPLEXITIES, CUSTOMER_TIERS, DEMAND_CHANNELS, DEMAND_KINDS, PRIORITIES } from '@serviceledger/intake/contracts';
import { DEMAND_STATUSES } from '@serviceledger/intake/domain';
import { personalDataRegisterProjection } from './access-register/personal-data-register.projection';
import { customersProjection } from './projections/customers.projection';
import { demandsProjection } from './projections/demands.projection';

/**
 * Intake's views for analysts (ADR 0024). The customer's contact details and free text (subject, description, what
 * was promised, a third party's name) stay out: they are personal data, erased with the customer.
 */
export const INTAKE_ANALYTICS_VIEWS: AnalyticsViewDefinition[] = [
  {
    name: 'demands',
    version: 1,
    projection: demandsProjection,
    table: 'demand',
    description: 'One row per customer demand (complaints included), as it stands now: channel, kind, category, priority, status, who owns it and when it was registered, answered, resolved and closed.',
    omit: ['subject', 'description', 'contactName', 'contactPhone', 'contactEmail', 'emailMessageId', 'waitingOnThirdParty', 'complaintPromisedResult', 'complaintPromisedResultNote'],
    columns: {
      reference: 'The reference the customer is given: `SR-YYYY-NNNNNN`.',
      channel: `How the demand came in: ${oneOf(DEMAND_CHANNELS)}.`,
      kind: `What the customer came for: ${oneOf(DEMAND_KINDS)}.`,
      impact: 'Impact: 1 high, 2 medium, 3 low.',
      urgency: 'Urgency: 1 high, 2 medium, 3 low.',
      priority: `Priority from impact and urgency: ${oneOf(PRIORITIES)}, P1 the most urgent.`,
      complexity: `The initial assessment: ${oneOf(COMPLEXITIES)}; a complex demand of several departments is coordinated before delivery.`,
      status: `Where the demand is: ${oneOf(DEMAND_STATUSES)}.`,
      departmentId: 'The department the demand is assigned to.',
      ownerId: 'The person who owns the demand in that department.',
      senderNotVerified: 'An e-mail demand whose sender could not be verified.',
    },
  },
  {
    name: 'demand_departments',
    version: 1,
    projection: demandsProjection,
    table: 'department',
    description: 'One row per demand and department involved in it: assigned to it, coordinating it, or otherwise involved.',
  },
  {
    name: 'demand_timeline',
    version: 1,
    projection: demandsProjection,
    table: 'timeline',
    description: 'One row per entry of a demand’s timeline (registered, triaged, replied, waited…), in order of position; the entries’ free-text details stay out.',
    omit: ['details'],
    columns: { visibility: 'Who sees the entry: the customer too (`public`) or staff only (`internal`).' },
  },
  {
    name: 'demand_email_messages',
    version: 1,
    projection: demandsProjection,
    table: 'message',
    description: 'One row per e-mail message a demand was registered or continued from, by its Message-ID.',
  },
  {
    name: 'customers',
    version: 1,
    projection: customersProjection,
    table: 'customer',
    description: 'One row per customer organisation: its tier and how it was registered. Contact persons, phones and e-mail addresses stay out.',
    omit: ['contactPerson', 'phone', 'email'],
    columns: { tier: `The customer’s service tier, which SLA policies match on: ${oneOf(CUSTOMER_TIERS)}.`, flaggedForReview: 'Registered from an unknown e-mail sender, to be checked by staff.' },
  },
  {
    name: 'customer_data_accesses',
    version: 1,
    projection: personalDataRegisterProjection,
    table: 'access',
    description: 'One row per access to a customer’s personal data (R-3.1 register): who read which record and fields, when, and why.',
    omit: ['accessedByName'],
  },
];

function oneOf(values: readonly unknown[]): string {
  return values.map((value) => `\`${String(value)}\``).join(', ');
}
