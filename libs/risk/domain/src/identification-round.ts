import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { isDate, startOf } from './risk-cadence';
import { Cadence, RISK_CATEGORIES, RiskCategory } from './risk-policy';

/**
 * A round of risk identification for one category and one period of its cadence (K-1.1, 七(一)1
 * "定期對…風險進行識別"): the scheduler opens it at the period's start; it stays open until the risk officer
 * records what was found, even "nothing new"; past the period's end it is overdue. Closing it records
 * which risks of the category are new, changed and retired since the category's previous round.
 *
 *   open ──period ends──▶ open, overdue ──record findings──▶ closed
 *     └────────────────────── record findings ─────────────────┘
 */
export type RoundStatus = 'open' | 'closed';

export interface RoundChanges {
  /** The end of the period compared: the previous round's closing (absent for a category's first round). */
  since?: string;
  newRiskIds: string[];
  changedRiskIds: string[];
  retiredRiskIds: string[];
}

export interface IdentificationRound {
  roundId: string;
  category: RiskCategory;
  cadence: Cadence;
  opensOn: string;
  dueOn: string;
  status: RoundStatus;
  overdue: boolean;
  findings?: string;
  nothingNew?: boolean;
  changes?: RoundChanges;
  closedAt?: string;
  closedBy?: string;
  late?: boolean;
}

export type IdentificationRoundState = IdentificationRound | null;

/** A round's id is its category and the date its period starts: `market-2026-10-01`. */
export const roundIdOf = (category: string, opensOn: string): string => `${category}-${opensOn}`;

export type OpenIdentificationRound = Command<'OpenIdentificationRound', { category: string; opensOn: string; dueOn: string; cadence: Cadence }>;
export type MarkRoundOverdue = Command<'MarkRoundOverdue', { roundId: string; dueOn: string }>;
export type CloseIdentificationRound = Command<'CloseIdentificationRound', { roundId: string; findings: string; nothingNew: boolean; changes: RoundChanges }>;
export type IdentificationRoundCommand = OpenIdentificationRound | MarkRoundOverdue | CloseIdentificationRound;

export type IdentificationRoundOpened = {
  type: 'IdentificationRoundOpened';
  data: { roundId: string; category: RiskCategory; cadence: Cadence; opensOn: string; dueOn: string; openedAt: string };
};
export type IdentificationRoundOverdue = { type: 'IdentificationRoundOverdue'; data: { roundId: string; category: RiskCategory; dueOn: string; overdueAt: string } };
export type IdentificationRoundClosed = {
  type: 'IdentificationRoundClosed';
  data: { roundId: string; category: RiskCategory; findings: string; nothingNew: boolean; changes: RoundChanges; closedAt: string; closedBy: string; late: boolean };
};
export type IdentificationRoundEvent = IdentificationRoundOpened | IdentificationRoundOverdue | IdentificationRoundClosed;

export const identificationRound: Decider<IdentificationRoundCommand, IdentificationRoundEvent, IdentificationRoundState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'IdentificationRoundOpened') {
      const { openedAt: _openedAt, ...round } = event.data;
      return { ...round, status: 'open', overdue: false };
    }
    if (!state) return state;
    switch (event.type) {
      case 'IdentificationRoundOverdue':
        return { ...state, overdue: true };
      case 'IdentificationRoundClosed': {
        const { findings, nothingNew, changes, closedAt, closedBy, late } = event.data;
        return { ...state, status: 'closed', findings, nothingNew, changes, closedAt, closedBy, late };
      }
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    switch (command.type) {
      case 'OpenIdentificationRound': {
        // The scheduler opens each period's round once; a second opening of the same period changes nothing.
        if (state) return [];
        const { category, opensOn, dueOn, cadence } = command.data;
        if (!(RISK_CATEGORIES as readonly string[]).includes(category)) throw new RuleViolation('unknown-category', `A risk is one of ${RISK_CATEGORIES.join(', ')}, not ${category}`);
        if (!isDate(opensOn) || !isDate(dueOn) || !(dueOn > opensOn)) throw new RuleViolation('invalid-period', `A round runs from a date to a later one, not ${opensOn} to ${dueOn}`);
        return [{ type: 'IdentificationRoundOpened', data: { roundId: roundIdOf(category, opensOn), category: category as RiskCategory, cadence, opensOn, dueOn, openedAt: at } }];
      }
      case 'MarkRoundOverdue': {
        if (!state || state.status === 'closed' || state.overdue || state.dueOn !== command.data.dueOn) return [];
        return [{ type: 'IdentificationRoundOverdue', data: { roundId: state.roundId, category: state.category, dueOn: state.dueOn, overdueAt: at } }];
      }
      case 'CloseIdentificationRound': {
        if (!state) throw new NotFoundError('Identification round', command.data.roundId);
        if (state.status === 'closed') throw new RuleViolation('round-closed', `Round ${state.roundId} was closed on ${state.closedAt}`);
        const { nothingNew, changes } = command.data;
        const findings = command.data.findings.trim();
        if (!findings && !nothingNew) throw new RuleViolation('findings-required', 'A round records what was found, or that nothing new was found');
        return [
          {
            type: 'IdentificationRoundClosed',
            data: {
              roundId: state.roundId,
              category: state.category,
              findings: findings || 'Nothing new',
              nothingNew,
              changes,
              closedAt: at,
              closedBy: actor.userId,
              late: Date.parse(at) >= Date.parse(startOf(state.dueOn)),
            },
          },
        ];
      }
    }
  },
};

/** A round's stream is `risk.round-<category>-<opensOn>`: one per category and period, its own short life. */
export const identificationRounds: Aggregate<IdentificationRoundCommand, IdentificationRoundEvent, IdentificationRoundState> = {
  name: 'Identification round',
  streamPrefix: 'risk.round-',
  decider: identificationRound,
  idOf: (command) => (command.type === 'OpenIdentificationRound' ? roundIdOf(command.data.category, command.data.opensOn) : command.data.roundId),
  creates: ['OpenIdentificationRound'],
};

export const roundStream = (roundId: string): string => streamOf(identificationRounds, roundId);
