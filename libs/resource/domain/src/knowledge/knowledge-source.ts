import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';
import { KnowledgeSourceKind } from './knowledge-article';

/**
 * What this service knows of a demand or a delivery case an article may come from, from intake's and
 * service-delivery's public events: its reference, business category and department, and when it was resolved
 * (a demand) or accepted (a case). Only a concluded one may be turned into an article.
 */
export interface KnowledgeSourceFacts {
  reference?: string;
  businessCategory?: string;
  departmentId?: string;
  /** When the demand was resolved or the case accepted. */
  concludedAt?: string;
}

export interface KnowledgeSource extends KnowledgeSourceFacts {
  kind: KnowledgeSourceKind;
  id: string;
}
export type KnowledgeSourceState = KnowledgeSource | null;

export type NoteKnowledgeSource = Command<'NoteKnowledgeSource', { kind: KnowledgeSourceKind; id: string; facts: KnowledgeSourceFacts }>;
export type KnowledgeSourceNoted = { type: 'KnowledgeSourceNoted'; data: { kind: KnowledgeSourceKind; id: string; facts: KnowledgeSourceFacts; notedAt: string } };

/** Keeps the latest of each fact; a message that adds nothing new appends nothing. */
export const knowledgeSource: Decider<NoteKnowledgeSource, KnowledgeSourceNoted, KnowledgeSourceState> = {
  initialState: () => null,
  evolve: (state, event) => ({ ...(state ?? { kind: event.data.kind, id: event.data.id }), ...event.data.facts }),
  decide(command, state) {
    const facts = Object.fromEntries(
      Object.entries(command.data.facts).filter(([key, value]) => value !== undefined && value !== '' && state?.[key as keyof KnowledgeSourceFacts] !== value),
    ) as KnowledgeSourceFacts;
    if (state && Object.keys(facts).length === 0) return [];
    return [{ type: 'KnowledgeSourceNoted', data: { kind: command.data.kind, id: command.data.id, facts, notedAt: command.metadata.at } }];
  },
};

export const knowledgeSourceKey = (kind: KnowledgeSourceKind, id: string): string => `${kind}-${id}`;

/** `resource.knowledge-source-<demand|case>-<id>`: a few events over the demand's or case's own life. */
export const knowledgeSources: Aggregate<NoteKnowledgeSource, KnowledgeSourceNoted, KnowledgeSourceState> = {
  name: 'Knowledge source',
  streamPrefix: 'resource.knowledge-source-',
  decider: knowledgeSource,
  idOf: (command) => knowledgeSourceKey(command.data.kind, command.data.id),
  creates: 'any',
};

export const knowledgeSourceStream = (kind: KnowledgeSourceKind, id: string): string => streamOf(knowledgeSources, knowledgeSourceKey(kind, id));
