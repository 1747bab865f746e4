import { ServiceDefinition } from '@serviceledger/platform/nest';
import { INTAKE_DEMAND_TOPIC } from '@serviceledger/intake/contracts';
import { SERVICE_DELIVERY_CASE_TOPIC } from '@serviceledger/service-delivery/contracts';
import { articlesProjection } from './knowledge/articles.projection';
import { knowledgeSourceConsumer } from './knowledge/knowledge-source-consumer';
import { KNOWLEDGE_TOPIC } from '@serviceledger/resource/contracts';
import { documentReviewSchedule, documentReviewSender } from './documents/document-review-schedule';
import { documentsProjection } from './documents/documents.projection';
import { knowledgeRelayPart } from './knowledge/knowledge-contract-mapper';
import { composeResourceRelay } from './resource-relay';
import { securityIncidentsProjection } from './security-incidents/security-incidents.projection';
import { securityIncidentRelayPart } from './security-incidents/security-incident-contract-mapper';
import { SECURITY_INCIDENT_SCHEDULES } from './security-incidents/security-incident-schedule';
import { SECURITY_INCIDENT_TOPIC } from '@serviceledger/resource/contracts';

/**
 * What the platform runs for resources: the projections of its read side, the relay of its public events (one
 * part per concept, composed in resource-relay.ts), the consumers of other services' events and the schedules of
 * its reminders.
 */
export const resourceService: ServiceDefinition = {
  name: 'resource',
  projections: [securityIncidentsProjection, documentsProjection, articlesProjection],
  relay: composeResourceRelay([securityIncidentRelayPart, knowledgeRelayPart]),
  topics: [SECURITY_INCIDENT_TOPIC, KNOWLEDGE_TOPIC, INTAKE_DEMAND_TOPIC, SERVICE_DELIVERY_CASE_TOPIC],
  consumers: [knowledgeSourceConsumer],
  schedules: [...SECURITY_INCIDENT_SCHEDULES, { definition: documentReviewSchedule, sender: documentReviewSender }],
};
