import { AnalyticsViewDefinition } from '@serviceledger/platform/read-models';
import { documentsProjection } from './documents/documents.projection';
import { equipmentProjection } from './equipment/equipment.projection';
import { articlesProjection } from './knowledge/articles.projection';
import { partnersProjection } from './partners/partners.projection';
import { rdInvestmentProjection } from './rd-investment/rd-investment.projection';
import { securityIncidentsProjection } from './security-incidents/security-incidents.projection';

/**
 * Resource's views for analysts (ADR 0024). Incident titles, agreement terms, minutes, what was shared with
 * partners, failure descriptions and the deciders' JSON state stay out.
 */
export const RESOURCE_ANALYTICS_VIEWS: AnalyticsViewDefinition[] = [
  { name: 'security_incidents', version: 1, projection: securityIncidentsProjection, table: 'incident', description: 'One row per information-security incident (R-3.3): severity, status, whether personal data was involved, notification due and overdue.', omit: ['title', 'state'] },
  { name: 'security_incident_customers', version: 1, projection: securityIncidentsProjection, table: 'affected_customer', description: 'One row per incident and customer affected by it.' },
  { name: 'partners', version: 1, projection: partnersProjection, table: 'partner', description: 'One row per partner: its name, kind and the department that manages it.', omit: ['state'] },
  { name: 'partner_agreements', version: 1, projection: partnersProjection, table: 'agreement', description: 'One row per cooperation agreement: its version, validity, next meeting due and whether a meeting, a renewal or information sharing is overdue.', omit: ['state'] },
  { name: 'partner_agreement_versions', version: 1, projection: partnersProjection, table: 'agreement_version', description: 'One row per signed version of an agreement: who signed it and when.', omit: ['terms'] },
  { name: 'partner_meetings', version: 1, projection: partnersProjection, table: 'meeting', description: 'One row per meeting with a partner under an agreement.', omit: ['minutes', 'actions'] },
  { name: 'partner_information_sharing', version: 1, projection: partnersProjection, table: 'shared_information', description: 'One row per piece of information shared with a partner: its kind, channel, area of cooperation and when.', omit: ['subject', 'summary'] },
  { name: 'equipment_assets', version: 1, projection: equipmentProjection, table: 'asset', description: 'One row per equipment asset: category, departments, status, acquisition and end of life, failures and downtime.', omit: ['allocatedTo', 'state'] },
  { name: 'equipment_history', version: 1, projection: equipmentProjection, table: 'asset_history', description: 'One row per event in an asset’s history, by type and time.', omit: ['by', 'data'] },
  { name: 'equipment_maintenance', version: 1, projection: equipmentProjection, table: 'maintenance', description: 'One row per maintenance plan of an asset: its kind, interval, next due date and whether it is due or overdue.', omit: ['notify'] },
  { name: 'equipment_failures', version: 1, projection: equipmentProjection, table: 'failure', description: 'One row per failure of an asset: severity, failed and restored, resolution and downtime.', omit: ['description'] },
  { name: 'equipment_procurements', version: 1, projection: equipmentProjection, table: 'procurement', description: 'One row per procurement request: its department, status and when it was asked for.', omit: ['purpose', 'state'] },
  { name: 'rd_plans', version: 1, projection: rdInvestmentProjection, table: 'plan', description: 'One row per R&D investment plan of a department and year.', omit: ['state'] },
  {
    name: 'rd_plan_lines',
    version: 1,
    projection: rdInvestmentProjection,
    table: 'line',
    description: 'One row per line of an R&D plan: the need it answers and its budget per quarter.',
    columns: { budgetQ1: 'Budget for the first quarter, in the smallest currency unit.', budgetQ2: 'Budget for the second quarter, in the smallest currency unit.', budgetQ3: 'Budget for the third quarter, in the smallest currency unit.', budgetQ4: 'Budget for the fourth quarter, in the smallest currency unit.' },
  },
  { name: 'rd_spends', version: 1, projection: rdInvestmentProjection, table: 'spend', description: 'One row per R&D spend recorded against a plan line.', omit: ['description'], columns: { amount: 'The amount spent, in the smallest currency unit.' } },
  { name: 'rd_business_demands', version: 1, projection: rdInvestmentProjection, table: 'business_demand', description: 'One row per customer demand counted as business demand for R&D, by year and quarter.' },
  { name: 'technical_documents', version: 1, projection: documentsProjection, table: 'document', description: 'One row per technical document: kind, owner, department, status, versions and review dates.', omit: ['state'] },
  { name: 'knowledge_articles', version: 1, projection: articlesProjection, table: 'article', description: 'One row per knowledge-base article: kind, status, author, source, versions, and how often it was viewed and found helpful.', omit: ['state'] },
];
