import { Aggregate, Command, Decider, NotFoundError, RuleViolation, streamOf } from '@serviceledger/platform/core';
import { GroupKind } from '../indicators/indicator';
import { IndicatorRef } from '../indicators/indicator-window';
import { CountedSignal } from '../indicators/signal';
import { WindowSpan } from '../indicators/windows';

/**
 * An early warning (K-3.2): raised to the risk owner when an indicator's threshold is crossed, naming the
 * events that crossed it; the owner acknowledges it, links it to a risk of the register (an existing one
 * or one recorded for it), answers it with actions and closes it with its outcome.
 *
 *   raised ──acknowledge──▶ acknowledged ──link to a risk, actions──▶ … ──close with outcome──▶ closed
 *
 * A stream per warning (`risk.warning-<id>`), bounded by its own life. Its id derives from the indicator,
 * the group and the window (`warningIdFor`), so raising it again (a redelivery, a replay) adds nothing.
 */
export type WarningStatus = 'raised' | 'acknowledged' | 'closed';

export interface WarningSubject {
  warningId: string;
  indicator: IndicatorRef;
  groupKind: GroupKind;
  groupKey: string;
  window: WindowSpan;
  count: number;
  /** The events that made the count, oldest first. */
  triggeredBy: CountedSignal[];
  /** The risk owner it is raised to; absent when neither the indicator nor its category has an owner yet. */
  ownerId?: string;
}

export interface WarningAction {
  action: string;
  at: string;
  by: string;
}

export interface Warning extends WarningSubject {
  status: WarningStatus;
  raisedAt: string;
  acknowledged?: { at: string; by: string; note?: string };
  riskId?: string;
  actions: WarningAction[];
  closed?: { at: string; by: string; outcome: string };
}

export type WarningState = Warning | null;

export const MAX_WARNING_TEXT = 4000;

export type RaiseWarning = Command<'RaiseWarning', WarningSubject>;
export type AcknowledgeWarning = Command<'AcknowledgeWarning', { warningId: string; note?: string }>;
export type LinkWarningToRisk = Command<'LinkWarningToRisk', { warningId: string; riskId: string }>;
export type RecordWarningAction = Command<'RecordWarningAction', { warningId: string; action: string }>;
export type CloseWarning = Command<'CloseWarning', { warningId: string; outcome: string }>;
export type WarningCommand = RaiseWarning | AcknowledgeWarning | LinkWarningToRisk | RecordWarningAction | CloseWarning;

export type WarningRaised = { type: 'WarningRaised'; data: WarningSubject & { raisedAt: string } };
export type WarningAcknowledged = { type: 'WarningAcknowledged'; data: { warningId: string; note?: string; acknowledgedAt: string; acknowledgedBy: string } };
export type WarningLinkedToRisk = { type: 'WarningLinkedToRisk'; data: { warningId: string; riskId: string; linkedAt: string; linkedBy: string } };
export type WarningActionRecorded = { type: 'WarningActionRecorded'; data: { warningId: string; action: string; recordedAt: string; recordedBy: string } };
export type WarningClosed = {
  type: 'WarningClosed';
  /** `actions`: how many actions answered it. */
  data: { warningId: string; outcome: string; riskId?: string; actions: number; closedAt: string; closedBy: string };
};
export type WarningEvent = WarningRaised | WarningAcknowledged | WarningLinkedToRisk | WarningActionRecorded | WarningClosed;

export const warning: Decider<WarningCommand, WarningEvent, WarningState> = {
  initialState: () => null,
  evolve(state, event) {
    if (event.type === 'WarningRaised') {
      const { raisedAt, ...subject } = event.data;
      return { ...subject, status: 'raised', raisedAt, actions: [] };
    }
    if (!state) return state;
    switch (event.type) {
      case 'WarningAcknowledged': {
        const { acknowledgedAt: at, acknowledgedBy: by, note } = event.data;
        return { ...state, status: 'acknowledged', acknowledged: { at, by, ...(note ? { note } : {}) } };
      }
      case 'WarningLinkedToRisk':
        return { ...state, riskId: event.data.riskId };
      case 'WarningActionRecorded':
        return { ...state, actions: [...state.actions, { action: event.data.action, at: event.data.recordedAt, by: event.data.recordedBy }] };
      case 'WarningClosed':
        return { ...state, status: 'closed', closed: { at: event.data.closedAt, by: event.data.closedBy, outcome: event.data.outcome } };
    }
  },
  decide(command, state) {
    const { at, actor } = command.metadata;
    if (command.type === 'RaiseWarning') return state ? [] : [{ type: 'WarningRaised', data: { ...command.data, raisedAt: at } }];
    if (!state) throw new NotFoundError('Warning', command.data.warningId);
    if (state.status === 'closed') throw new RuleViolation('warning-closed', `Warning ${state.warningId} is closed`);
    const warningId = state.warningId;
    switch (command.type) {
      case 'AcknowledgeWarning': {
        if (state.status === 'acknowledged') throw new RuleViolation('warning-already-acknowledged', `Warning ${warningId} was acknowledged on ${state.acknowledged?.at}`);
        const note = command.data.note?.trim();
        return [{ type: 'WarningAcknowledged', data: { warningId, ...(note ? { note: bounded(note, 'note') } : {}), acknowledgedAt: at, acknowledgedBy: actor.userId } }];
      }
      case 'LinkWarningToRisk':
        ensureAcknowledged(state);
        if (state.riskId === command.data.riskId) return [];
        if (state.riskId) throw new RuleViolation('warning-linked-elsewhere', `Warning ${warningId} is linked to risk ${state.riskId}`);
        return [{ type: 'WarningLinkedToRisk', data: { warningId, riskId: command.data.riskId, linkedAt: at, linkedBy: actor.userId } }];
      case 'RecordWarningAction':
        ensureAcknowledged(state);
        return [{ type: 'WarningActionRecorded', data: { warningId, action: bounded(required(command.data.action, 'action'), 'action'), recordedAt: at, recordedBy: actor.userId } }];
      case 'CloseWarning':
        ensureAcknowledged(state);
        if (state.actions.length === 0) throw new RuleViolation('warning-unanswered', `Warning ${warningId} is closed only once answered with an action`);
        return [
          {
            type: 'WarningClosed',
            data: {
              warningId,
              outcome: bounded(required(command.data.outcome, 'outcome'), 'outcome'),
              ...(state.riskId ? { riskId: state.riskId } : {}),
              actions: state.actions.length,
              closedAt: at,
              closedBy: actor.userId,
            },
          },
        ];
    }
  },
};

function ensureAcknowledged(state: Warning): void {
  if (state.status !== 'acknowledged') throw new RuleViolation('warning-not-acknowledged', `Warning ${state.warningId} is acknowledged first`);
}

function required(text: string, what: string): string {
  const trimmed = text.trim();
  if (!trimmed) throw new RuleViolation('warning-text-required', `The ${what} says something`);
  return trimmed;
}

function bounded(text: string, what: string): string {
  if (text.length > MAX_WARNING_TEXT) throw new RuleViolation('warning-text-too-long', `The ${what} is at most ${MAX_WARNING_TEXT} characters`);
  return text;
}

/** No scope: warnings are the organisation's risks, read with `risk:read` and answered with `warning:respond`. */
export const warnings: Aggregate<WarningCommand, WarningEvent, WarningState> = {
  name: 'Warning',
  streamPrefix: 'risk.warning-',
  decider: warning,
  idOf: (command) => command.data.warningId,
  creates: ['RaiseWarning'],
};

export const warningStream = (warningId: string): string => streamOf(warnings, warningId);

/** A warning not closed yet. */
export const isOpen = (state: Warning): boolean => state.status !== 'closed';
