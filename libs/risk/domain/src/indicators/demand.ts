import { Aggregate, Command, Decider, streamOf } from '@serviceledger/platform/core';
import { Signal } from './signal';

/**
 * What risk keeps of one of intake's demands (K-3.2), a stream per demand (`risk.demand-<id>`), bounded by
 * the demand's own life (its registration, its first assignment, the warnings and breaches of its clocks):
 *   - its customer, from its registration (`demand.registered`): intake's complaint events name the demand,
 *     not the customer, so complaints are counted per customer from here;
 *   - the department it was first assigned to, from its first `demand.assigned`;
 *   - quality monitoring's warnings and breaches about it that came without a department: raised while
 *     quality monitoring knew of no assignment, so in the stretch nobody owned the demand (a time-to-own
 *     breach always). Each is attributed, once, to the department that first took the demand on: at once
 *     when its assignment is known, else held until it comes. Intake publishes a demand's assignments in
 *     order, so either order of arrival gives the same department; a later reassignment changes nothing.
 * The service counts an attributed signal, with its department filled in, at the signal's own time.
 */
export interface DemandRecord {
  demandId: string;
  customerId?: string;
  /** The department it was first assigned to, and when. */
  assignment?: { departmentId: string; assignedAt: string };
  /** Signals that came without a department, waiting for the demand's assignment. */
  held: Signal[];
  /** The signals attributed to a department, by signal id. */
  attributed: Record<string, string>;
}

/** A demand's customer, as its registration names it. */
export interface DemandCustomer {
  demandId: string;
  customerId: string;
}

export type NoteDemandCustomer = Command<'NoteDemandCustomer', DemandCustomer>;
export type NoteDemandAssignment = Command<'NoteDemandAssignment', { demandId: string; departmentId: string; assignedAt: string }>;
/** A signal about the demand that named no department: attribute it to the demand's department, now or once it is known. */
export type AttributeSignal = Command<'AttributeSignal', { demandId: string; signal: Signal }>;
export type DemandCommand = NoteDemandCustomer | NoteDemandAssignment | AttributeSignal;

export type DemandCustomerNoted = { type: 'DemandCustomerNoted'; data: DemandCustomer };
/** The demand's first assignment (a reassignment is not noted). */
export type DemandAssignmentNoted = { type: 'DemandAssignmentNoted'; data: { demandId: string; departmentId: string; assignedAt: string } };
export type SignalHeld = { type: 'SignalHeld'; data: { demandId: string; signal: Signal } };
/** The signal, as received, and the department it counts for. */
export type SignalAttributed = { type: 'SignalAttributed'; data: { demandId: string; signal: Signal; departmentId: string } };
export type DemandEvent = DemandCustomerNoted | DemandAssignmentNoted | SignalHeld | SignalAttributed;

/** The field of a signal that names its department. */
export const DEPARTMENT_FIELD = 'departmentId';

const emptyRecord = (demandId: string): DemandRecord => ({ demandId, held: [], attributed: {} });

export const demand: Decider<DemandCommand, DemandEvent, DemandRecord | null> = {
  initialState: () => null,
  evolve(state, event) {
    const record = state ?? emptyRecord(event.data.demandId);
    switch (event.type) {
      case 'DemandCustomerNoted':
        return { ...record, customerId: event.data.customerId };
      case 'DemandAssignmentNoted':
        return { ...record, assignment: { departmentId: event.data.departmentId, assignedAt: event.data.assignedAt } };
      case 'SignalHeld':
        return { ...record, held: [...record.held, event.data.signal] };
      case 'SignalAttributed':
        return {
          ...record,
          held: record.held.filter((signal) => signal.id !== event.data.signal.id),
          attributed: { ...record.attributed, [event.data.signal.id]: event.data.departmentId },
        };
    }
  },
  decide(command, state) {
    const { demandId } = command.data;
    switch (command.type) {
      case 'NoteDemandCustomer':
        return state?.customerId === command.data.customerId ? [] : [{ type: 'DemandCustomerNoted', data: { demandId, customerId: command.data.customerId } }];
      case 'NoteDemandAssignment': {
        // A reassignment, or the same assignment again, changes nothing here.
        if (state?.assignment) return [];
        const { departmentId, assignedAt } = command.data;
        return [
          { type: 'DemandAssignmentNoted', data: { demandId, departmentId, assignedAt } },
          ...(state?.held ?? []).map((signal): SignalAttributed => ({ type: 'SignalAttributed', data: { demandId, signal, departmentId } })),
        ];
      }
      case 'AttributeSignal': {
        const { signal } = command.data;
        if (state && (state.attributed[signal.id] !== undefined || state.held.some((held) => held.id === signal.id))) return [];
        if (!state?.assignment) return [{ type: 'SignalHeld', data: { demandId, signal } }];
        return [{ type: 'SignalAttributed', data: { demandId, signal, departmentId: state.assignment.departmentId } }];
      }
    }
  },
};

/** The signal as it counts once attributed: the department filled in, and marked as taken from the demand's assignment. */
export function attributedSignal(attribution: SignalAttributed['data']): Signal {
  const { signal, departmentId } = attribution;
  return { ...signal, fields: { ...signal.fields, [DEPARTMENT_FIELD]: departmentId, departmentFromAssignment: true } };
}

export const demands: Aggregate<DemandCommand, DemandEvent, DemandRecord | null> = {
  name: 'Demand',
  streamPrefix: 'risk.demand-',
  decider: demand,
  idOf: (command) => command.data.demandId,
  // A clock's breach may come before the demand's registration or assignment: the consumer reads several topics.
  creates: ['NoteDemandCustomer', 'NoteDemandAssignment', 'AttributeSignal'],
};

export const demandStream = (demandId: string): string => streamOf(demands, demandId);
