import { Aggregate, Command, Decider, RuleViolation } from '@serviceledger/platform/core';

/** How long a published article may go without a review before it is flagged stale. */
export const DEFAULT_STALE_AFTER_DAYS = 180;
export const MAX_STALE_AFTER_DAYS = 1095;
export const KNOWLEDGE_SETTINGS_ID = 'default';

export interface KnowledgeSettings {
  staleAfterDays: number;
  changedAt: string;
  changedBy: string;
}
export type KnowledgeSettingsState = KnowledgeSettings | null;

export type SetKnowledgeStaleness = Command<'SetKnowledgeStaleness', { staleAfterDays: number }>;
export type KnowledgeStalenessSet = { type: 'KnowledgeStalenessSet'; data: { staleAfterDays: number; changedAt: string; changedBy: string } };

/** The knowledge base's settings, one instance: administrative edits only. */
export const knowledgeSettings: Decider<SetKnowledgeStaleness, KnowledgeStalenessSet, KnowledgeSettingsState> = {
  initialState: () => null,
  evolve: (_state, event) => ({ ...event.data }),
  decide(command, state) {
    const { staleAfterDays } = command.data;
    if (!Number.isInteger(staleAfterDays) || staleAfterDays < 1 || staleAfterDays > MAX_STALE_AFTER_DAYS) {
      throw new RuleViolation('stale-after-invalid', `Articles go stale after 1 to ${MAX_STALE_AFTER_DAYS} days without review, not ${staleAfterDays}`);
    }
    if (state?.staleAfterDays === staleAfterDays) return [];
    return [{ type: 'KnowledgeStalenessSet', data: { staleAfterDays, changedAt: command.metadata.at, changedBy: command.metadata.actor.userId } }];
  },
};

/** `resource.knowledge-settings-default`: the configured staleness; absent, DEFAULT_STALE_AFTER_DAYS. */
export const knowledgeSettingsRegistry: Aggregate<SetKnowledgeStaleness, KnowledgeStalenessSet, KnowledgeSettingsState> = {
  name: 'Knowledge settings',
  streamPrefix: 'resource.knowledge-settings-',
  decider: knowledgeSettings,
  idOf: () => KNOWLEDGE_SETTINGS_ID,
  creates: 'any',
};

export const staleAfterDaysOf = (state: KnowledgeSettingsState): number => state?.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
