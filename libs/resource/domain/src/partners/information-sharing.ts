import { Aggregate, Command, Decider, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { ensureInstant, requireText } from './partner-terms';

/**
 * What was shared with a partner (六(三)3 信息共享與協同, C-3.2): business information and market
 * developments (市場動態) among them, when, through which channel and by whom. One log per partner, only
 * appended to: no rule reads it back (`appendOnly`), so it may grow with the cooperation.
 */
export const SHARED_INFORMATION_KINDS = ['business', 'market', 'technical'] as const;
export type SharedInformationKind = (typeof SHARED_INFORMATION_KINDS)[number];
/** The area of cooperation (協同合作) a sharing serves: 在技術、市場等方面. */
export const COOPERATION_AREAS = ['technology', 'market'] as const;
export type CooperationArea = (typeof COOPERATION_AREAS)[number];

/** Optional on a sharing: the agreement it was shared under (its cadence counts it), and the area of cooperation. */
interface SharingContext {
  agreementId?: string;
  cooperationArea?: CooperationArea;
}

export type RecordInformationShared = Command<
  'RecordInformationShared',
  { partnerId: string; sharingId: string; kind: SharedInformationKind; subject: string; summary: string; channel: string; sharedAt?: string } & SharingContext
>;
export type InformationShared = {
  type: 'InformationShared';
  data: {
    partnerId: string;
    sharingId: string;
    kind: SharedInformationKind;
    subject: string;
    summary: string;
    channel: string;
    sharedAt: string;
    sharedBy: string;
  } & SharingContext;
};

export const informationSharingLog: Decider<RecordInformationShared, InformationShared, null> = {
  initialState: () => null,
  evolve: () => null,
  appendOnly: true,
  decide(command) {
    const { data, metadata } = command;
    if (!(SHARED_INFORMATION_KINDS as readonly string[]).includes(data.kind)) {
      throw new RuleViolation('unknown-information-kind', `"${data.kind}" is not a kind of information (${SHARED_INFORMATION_KINDS.join(', ')})`);
    }
    if (data.cooperationArea !== undefined && !(COOPERATION_AREAS as readonly string[]).includes(data.cooperationArea)) {
      throw new RuleViolation('unknown-cooperation-area', `"${data.cooperationArea}" is not an area of cooperation (${COOPERATION_AREAS.join(', ')})`);
    }
    const sharedAt = data.sharedAt ? ensureInstant(data.sharedAt, 'When the information was shared') : metadata.at;
    if (sharedAt > metadata.at) throw new RuleViolation('not-shared-yet', 'Information is logged once it was shared, not before');
    return [
      {
        type: 'InformationShared',
        data: {
          partnerId: data.partnerId,
          sharingId: data.sharingId,
          kind: data.kind,
          subject: requireText(data.subject, 'subject-required', 'The log says what was shared'),
          summary: requireText(data.summary, 'summary-required', 'The log summarises what was shared'),
          channel: requireText(data.channel, 'channel-required', 'The log says how it was shared'),
          sharedAt,
          sharedBy: metadata.actor.userId,
          ...(data.agreementId ? { agreementId: data.agreementId } : {}),
          ...(data.cooperationArea ? { cooperationArea: data.cooperationArea } : {}),
        },
      },
    ];
  },
};

/** The log's stream per partner; the service checks that the partner exists before it appends. */
export const informationSharingLogs: Aggregate<RecordInformationShared, InformationShared, null> = {
  name: 'Information-sharing log',
  streamPrefix: 'resource.shared-information-',
  decider: informationSharingLog,
  idOf: (command) => command.data.partnerId,
  creates: 'any',
};

export const informationSharingStream = (partnerId: string): string => streamOf(informationSharingLogs, partnerId);
