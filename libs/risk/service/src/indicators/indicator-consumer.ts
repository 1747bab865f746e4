import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CommandMetadata, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands } from '@serviceledger/platform/nest';
import { COMPLAINT_REGISTERED_V1, DEMAND_REGISTERED_V2, DemandRegisteredV2 } from '@serviceledger/intake/contracts';
import {
  INDICATOR_REGISTRY_ID,
  IndicatorRegistry,
  IndicatorVersion,
  RISK_ACTOR,
  Signal,
  ThresholdCrossing,
  activeIndicators,
  countData,
  demandCustomers,
  indicatorRegistries,
  indicatorWindows,
  ownerOf,
  planCount,
  signalLogs,
  warnings,
} from '@serviceledger/risk/domain';
import { SIGNAL_CONTRACTS, SIGNAL_TOPICS, signalFields, signalSourceOf } from './signal-sources';

export const INDICATOR_CONSUMER = 'risk.indicators';

/**
 * Counts the other services' contract events for the key risk indicators (K-3.2). Each message once (the
 * inbox), and every command under an id derived from the message id, so a redelivery or a retry after a
 * crash appends nothing twice:
 *   1. keeps the event as a signal in its day's log (for back-tests);
 *   2. for every indicator in force that counts it, counts it in its group's window, carrying the unused
 *      signals of the bucket before for a rolling window;
 *   3. raises the warning of every crossing the signal is part of, to the indicator's risk owner.
 */
@Injectable()
export class IndicatorConsumer {
  constructor(private readonly commands: Commands) {}

  async handle(message: IntegrationMessage): Promise<void> {
    if (message.type === DEMAND_REGISTERED_V2.type) {
      const { demandId, customerId } = message.data as DemandRegisteredV2;
      await this.commands.execute(demandCustomers, { type: 'NoteDemandCustomer', data: { demandId, customerId }, metadata: this.metadata(message, 'demand-customer') });
      return;
    }
    const signal = await this.signalOf(message);
    if (!signal) return;
    await this.commands.execute(signalLogs, { type: 'RecordSignal', data: { signal }, metadata: this.metadata(message, 'signal') });
    const registry = await this.commands.state(indicatorRegistries, INDICATOR_REGISTRY_ID);
    for (const indicator of activeIndicators(registry)) await this.count(message, signal, indicator, registry);
  }

  private async count(message: IntegrationMessage, signal: Signal, indicator: IndicatorVersion, registry: IndicatorRegistry): Promise<void> {
    const plan = planCount(indicator, signal);
    if (!plan) return;
    const previous = plan.previousWindowId ? await this.commands.state(indicatorWindows, plan.previousWindowId) : null;
    const counted = await this.commands.decide(indicatorWindows, {
      type: 'CountSignal',
      data: countData(indicator, plan, signal, previous),
      metadata: { ...this.metadata(message, `count:${indicator.indicatorId}`), at: signal.occurredAt },
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
      const demand = await this.commands.state(demandCustomers, String(fields['demandId']));
      fields['customerId'] = demand?.customerId ?? null;
    }
    const occurredAt = (message.data as { occurredAt?: string }).occurredAt ?? message.time;
    return { id: message.id, type: message.type, occurredAt, fields };
  }

  private metadata(message: IntegrationMessage, step: string): CommandMetadata {
    return causedBy(message, { commandId: commandIdFrom(message.id, INDICATOR_CONSUMER, step), at: message.time, actor: RISK_ACTOR });
  }
}

/** The consumer of the topics that feed the indicators: intake's demands, quality monitoring's clocks, resource's equipment, partners and security incidents, HR's staff. */
export const indicatorConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: INDICATOR_CONSUMER,
  topics: SIGNAL_TOPICS,
  contracts: SIGNAL_CONTRACTS,
  handle: (message) => moduleRef.get(IndicatorConsumer, { strict: false }).handle(message),
});
