import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandMetadata, NewEvent, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { COMPLAINT_REGISTERED_V1, DEMAND_ASSIGNED_V1, DEMAND_ASSIGNED_V2, DEMAND_REGISTERED_V2, DemandAssignedV2, DemandRegisteredV2 } from '@serviceledger/intake/contracts';
import {
  INDICATOR_REGISTRY_ID,
  IndicatorRegistry,
  IndicatorVersion,
  RISK_ACTOR,
  Signal,
  SignalAttributed,
  ThresholdCrossing,
  activeIndicators,
  attributedSignal,
  countData,
  demands,
  indicatorRegistries,
  indicatorWindows,
  ownerOf,
  planCount,
  signalLogs,
  warnings,
} from '@serviceledger/risk/domain';
import { SIGNAL_CONTRACTS, SIGNAL_TOPICS, demandToAttribute, signalFields, signalSourceOf } from './signal-sources';

export const INDICATOR_CONSUMER = 'risk.indicators';

/**
 * Counts the other services' contract events for the key risk indicators (K-3.2). Each message once (the
 * inbox), and every command under an id derived from the message id, so a redelivery or a retry after a
 * crash appends nothing twice:
 *   1. keeps the event as a signal in its day's log (for back-tests);
 *   2. for every indicator in force that counts it, counts it in its group's window, carrying the unused
 *      signals of the bucket before for a rolling window;
 *   3. raises the warning of every crossing the signal is part of, to the indicator's risk owner.
 * A warning or breach of a demand's clock that came without a department (raised before the demand was
 * assigned) is attributed to the demand's department (`risk.demand-<id>`): at once when the assignment is
 * known, else when it comes. Attributed, it is kept again in its day's log with the department, and
 * counted, at its own time, by the indicators that could not count it without one.
 */
@Injectable()
export class IndicatorConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    switch (message.type) {
      case DEMAND_REGISTERED_V2.type: {
        const { demandId, customerId } = message.data as DemandRegisteredV2;
        await this.commands.execute(demands, { type: 'NoteDemandCustomer', data: { demandId, customerId }, metadata: this.metadata(message, 'demand-customer') });
        return;
      }
      // Version 2 drops a reassignment's reason; version 1 arrives from messages published before.
      case DEMAND_ASSIGNED_V1.type:
      case DEMAND_ASSIGNED_V2.type: {
        const { demandId, departmentId, occurredAt } = message.data as DemandAssignedV2;
        const noted = await this.commands.decide(demands, {
          type: 'NoteDemandAssignment',
          data: { demandId, departmentId, assignedAt: occurredAt },
          metadata: this.metadata(message, 'demand-assignment'),
        });
        await this.countAttributed(message, noted.events);
        return;
      }
    }
    const received = await this.signalOf(message);
    if (!received) return;
    const signal = await this.attributedNow(message, received);
    await this.commands.execute(signalLogs, { type: 'RecordSignal', data: { signal }, metadata: this.metadata(message, 'signal') });
    const registry = await this.commands.state(indicatorRegistries, INDICATOR_REGISTRY_ID);
    for (const indicator of activeIndicators(registry)) await this.count(message, signal, indicator, registry);
  }

  /** The signal with its demand's department, when it came without one and the demand's assignment is known; else as received (held, if it is to be attributed). */
  private async attributedNow(message: IntegrationMessage, received: Signal): Promise<Signal> {
    const demandId = demandToAttribute(received);
    if (!demandId) return received;
    const decided = await this.commands.decide(demands, { type: 'AttributeSignal', data: { demandId, signal: received }, metadata: this.metadata(message, 'attribute') });
    const attributed = attributionsOf(decided.events).find((a) => a.signal.id === received.id);
    return attributed ? attributedSignal(attributed) : received;
  }

  /**
   * The signals a demand's assignment attributed: each kept again in its day's log with the department (a
   * back-test and a warning's detail read the last), and counted at its own time by every indicator in force
   * that did not count it as received (one grouped by department); one that did (the whole organisation) has it already.
   */
  private async countAttributed(message: IntegrationMessage, events: readonly NewEvent[]): Promise<void> {
    const attributions = attributionsOf(events);
    if (attributions.length === 0) return;
    const registry = await this.commands.state(indicatorRegistries, INDICATOR_REGISTRY_ID);
    for (const attribution of attributions) {
      const signal = attributedSignal(attribution);
      const step = `attributed:${signal.id}`;
      await this.commands.execute(signalLogs, { type: 'RecordSignal', data: { signal }, metadata: this.metadata(message, `${step}:signal`) });
      for (const indicator of activeIndicators(registry)) {
        if (!planCount(indicator, attribution.signal)) await this.count(message, signal, indicator, registry, `${step}:`);
      }
    }
  }

  private async count(message: IntegrationMessage, signal: Signal, indicator: IndicatorVersion, registry: IndicatorRegistry, step = ''): Promise<void> {
    const plan = planCount(indicator, signal);
    if (!plan) return;
    const previous = plan.previousWindowId ? await this.commands.state(indicatorWindows, plan.previousWindowId) : null;
    const counted = await this.commands.decide(indicatorWindows, {
      type: 'CountSignal',
      data: countData(indicator, plan, signal, previous),
      metadata: { ...this.metadata(message, `${step}count:${indicator.indicatorId}`), at: signal.occurredAt },
    });
    const ownerId = ownerOf(registry, indicator);
    for (const crossing of counted.state?.crossings ?? []) {
      if (crossing.signals.some((s) => s.id === signal.id)) await this.raise(message, crossing, ownerId);
    }
  }

  private async raise(message: IntegrationMessage, crossing: ThresholdCrossing, ownerId: string | undefined): Promise<void> {
    const { warningId, indicator, groupKind, groupKey, window, count, signals } = crossing;
    await this.commands.execute(warnings, {
      type: 'RaiseWarning',
      data: { warningId, indicator, groupKind, groupKey, window, count, triggeredBy: signals, ...(ownerId ? { ownerId } : {}) },
      metadata: { ...this.metadata(message, 'raise'), commandId: commandIdFrom('risk-warning', warningId), at: crossing.crossedAt },
    });
  }

  /** The signal a message is, with the customer of a complaint from its demand's registration; undefined for any other type. */
  private async signalOf(message: IntegrationMessage): Promise<Signal | undefined> {
    const source = signalSourceOf(message.type);
    if (!source) return undefined;
    const fields = signalFields(source, message);
    if (message.type === COMPLAINT_REGISTERED_V1.type) {
      const demand = await this.commands.state(demands, String(fields['demandId']));
      fields['customerId'] = demand?.customerId ?? null;
    }
    const occurredAt = (message.data as { occurredAt?: string }).occurredAt ?? message.time;
    return { id: message.id, type: message.type, occurredAt, fields };
  }

  private metadata(message: IntegrationMessage, step: string): CommandMetadata {
    return causedBy(message, { commandId: commandIdFrom(message.id, INDICATOR_CONSUMER, step), at: message.time, actor: RISK_ACTOR });
  }
}

function attributionsOf(events: readonly NewEvent[]): Array<SignalAttributed['data']> {
  return events.filter((event) => event.type === 'SignalAttributed').map((event) => event.data as SignalAttributed['data']);
}

/** The consumer of the topics that feed the indicators: intake's demands, quality monitoring's clocks, resource's equipment, partners and security incidents, HR's staff. */
export const indicatorConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: INDICATOR_CONSUMER,
  topics: SIGNAL_TOPICS,
  contracts: SIGNAL_CONTRACTS,
  handle: (message) => moduleRef.get(IndicatorConsumer, { strict: false }).handle(message),
});
