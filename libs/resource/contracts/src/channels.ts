import { ChannelDefinition } from '@serviceledger/platform/core';
import { EQUIPMENT_TOPIC } from './equipment';
import { KNOWLEDGE_TOPIC } from './knowledge';
import { PARTNER_TOPIC } from './partners';
import { SECURITY_INCIDENT_TOPIC } from './security-incidents';

/** Resource's topics as subscribers see them (the AsyncAPI document's channels). */
export const RESOURCE_CHANNELS: readonly ChannelDefinition[] = [
  {
    topic: SECURITY_INCIDENT_TOPIC,
    description:
      'The information-security incident register (R-3.3): ids, severity, times and whether personal data was involved; a ' +
      'risk signal. Titles, descriptions, measures and resolutions stay in the resource service.',
    key: 'The incident id (`incidentId`): an incident’s events stay in order.',
  },
  {
    topic: PARTNER_TOPIC,
    description:
      'Partners and their cooperation agreements (C-3.1, C-3.2): agreements signed with their measurable service standards ' +
      '(quality monitoring keeps them as underpinning-contract policies), agreements expiring, partner meetings overdue.',
    key: 'The partner id (`partnerId`): a partner’s events stay in order.',
  },
  {
    topic: EQUIPMENT_TOPIC,
    description: 'Equipment failures (a risk signal) and retirements (R-2.2, R-2.3).',
    key: 'The asset id (`assetId`): an asset’s events stay in order.',
  },
  {
    topic: KNOWLEDGE_TOPIC,
    description:
      'Technical documents approved and knowledge-base articles published (R-1.1, R-1.2): ids, version and hash; the bytes ' +
      'and bodies are read from the resource service under its access control.',
    key: 'The document id (`documentId`) or the article id (`articleId`).',
  },
];
