import { ServiceDefinition } from '@serviceledger/platform/nest';
import { migrateBlobStorage } from './blobs/blob-storage';
import { migrateKnowledgeSearchStorage } from './knowledge/knowledge-search-storage';
import { INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { SERVICE_DELIVERY_CASE_TOPIC } from '@serviceledger/service-delivery/contracts';
import { articlesProjection } from './knowledge/articles.projection';
import { knowledgeSourceConsumer } from './knowledge/knowledge-source-consumer';
import { composeResourceRelay } from './resource-relay';
import { KNOWLEDGE_TOPIC, RESOURCE_CHANNELS } from '@serviceledger/resource/contracts';
import { documentReviewSchedule, documentReviewSender } from './documents/document-review-schedule';
import { documentsProjection } from './documents/documents.projection';
import { knowledgeRelayPart } from './knowledge/knowledge-contract-mapper';
import { securityIncidentsProjection } from './security-incidents/security-incidents.projection';
import { securityIncidentRelayPart } from './security-incidents/security-incident-contract-mapper';
import { SECURITY_INCIDENT_SCHEDULES } from './security-incidents/security-incident-schedule';
import { SECURITY_INCIDENT_TOPIC } from '@serviceledger/resource/contracts';
import { PARTNER_TOPIC } from '@serviceledger/resource/contracts';
import { partnerPersonalData } from '@serviceledger/resource/domain';
import { partnersProjection } from './partners/partners.projection';
import { partnerRelayPart } from './partners/partner-contract-mapper';
import { PARTNER_SCHEDULES } from './partners/partner-schedule';
import { EQUIPMENT_TOPIC } from '@serviceledger/resource/contracts';
import { equipmentRelayPart } from './equipment/equipment-contract-mapper';
import { equipmentProjection } from './equipment/equipment.projection';
import { equipmentDueSender, equipmentSchedule } from './equipment/equipment-schedule';
import { rdInvestmentProjection } from './rd-investment/rd-investment.projection';
import { businessDemandConsumer } from './rd-investment/business-demand-consumer';
import { RESOURCE_ANALYTICS_VIEWS } from './analytics-views';

/**
 * What the platform runs for resources: the projections of its read side, the relay of its public events (one
 * part per concept, composed in resource-relay.ts), the consumers of other services' events and the schedules of
 * its reminders.
 */
export const resourceService: ServiceDefinition = {
  name: 'resource',
  description:
    'Technical documents with review and full-text search, the knowledge base, equipment from procurement to disposal, R&D investment, partners and their agreements, security incidents',
  projections: [securityIncidentsProjection, partnersProjection, equipmentProjection, rdInvestmentProjection, documentsProjection, articlesProjection],
  analyticsViews: RESOURCE_ANALYTICS_VIEWS,
  relay: composeResourceRelay([securityIncidentRelayPart, partnerRelayPart, equipmentRelayPart, knowledgeRelayPart]),
  channels: RESOURCE_CHANNELS,
  topics: [SECURITY_INCIDENT_TOPIC, PARTNER_TOPIC, EQUIPMENT_TOPIC, KNOWLEDGE_TOPIC, INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  consumers: [knowledgeSourceConsumer, businessDemandConsumer],
  schedules: [...SECURITY_INCIDENT_SCHEDULES, ...PARTNER_SCHEDULES, { definition: equipmentSchedule, sender: equipmentDueSender }, { definition: documentReviewSchedule, sender: documentReviewSender }],
  personalData: { personal: [...partnerPersonalData.personal], erasures: [...(partnerPersonalData.erasures ?? [])] },
  storage: [migrateBlobStorage, migrateKnowledgeSearchStorage],
};
