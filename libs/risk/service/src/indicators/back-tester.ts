import { Inject, Injectable } from '@nestjs/common';
import { EventStore, RuleViolation } from '@serviceledger/platform/core';
import { Commands, EVENT_STORE } from '@serviceledger/platform/nest';
import {
  INDICATOR_REGISTRY_ID,
  IndicatorDefinition,
  Signal,
  SignalRecorded,
  ThresholdCrossing,
  backTest,
  counts,
  definitionOf,
  ensureDefinition,
  indicatorRegistries,
  signalLogStream,
  startOfLocalDay,
} from '@serviceledger/risk/domain';
import { MAX_BACK_TEST_MONTHS } from './indicator.dto';

export interface BackTestResult {
  indicator: IndicatorDefinition & { version: number };
  from: string;
  to: string;
  /** The signals kept in the months replayed that the indicator counts (its event types, its conditions met). */
  counted: number;
  /** The warnings the indicator would have raised: the ids the live count gives for the same indicator, group and window. */
  warnings: ThresholdCrossing[];
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * What-if (K-3.2): replays the signals kept over whole months through the window decider under an indicator
 * or threshold not (yet) in force, on states held in memory; nothing is appended, no warning is raised.
 * The indicator's version is the one it would get: 1 for a new one, the next for a changed one.
 */
@Injectable()
export class BackTester {
  constructor(
    private readonly commands: Commands,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async run(definition: IndicatorDefinition, fromMonth: string, toMonth: string): Promise<BackTestResult> {
    ensureDefinition(definition);
    const months = monthIndex(toMonth) - monthIndex(fromMonth) + 1;
    if (months < 1 || months > MAX_BACK_TEST_MONTHS) {
      throw new RuleViolation('back-test-span-invalid', `A back-test replays 1 to ${MAX_BACK_TEST_MONTHS} whole months, the first not after the last`);
    }
    const registry = await this.commands.state(indicatorRegistries, INDICATOR_REGISTRY_ID);
    const known = registry.indicators[definition.indicatorId];
    const unchanged = known && JSON.stringify(definitionOf(known)) === JSON.stringify(definitionOf(definition));
    const version = !known ? 1 : unchanged ? known.version : known.version + 1;
    const indicator = { ...definitionOf(definition), version, since: '', by: '' };
    const signals = await this.signalsBetween(`${fromMonth}-01`, nextMonth(toMonth));
    const { since: _since, by: _by, ...shown } = indicator;
    return {
      indicator: shown,
      from: startOfLocalDay(`${fromMonth}-01`),
      to: startOfLocalDay(nextMonth(toMonth)),
      counted: signals.filter((signal) => counts(indicator, signal)).length,
      warnings: backTest(indicator, signals),
    };
  }

  /**
   * The signals kept from the first local day up to, not including, the last; a signal kept again once its
   * demand's department was attributed to it (the indicator consumer) as it was kept last.
   */
  private async signalsBetween(firstDay: string, endDay: string): Promise<Signal[]> {
    const signals = new Map<string, Signal>();
    for (let day = Date.parse(`${firstDay}T00:00:00Z`); day < Date.parse(`${endDay}T00:00:00Z`); day += DAY) {
      const events = await this.readDay(new Date(day).toISOString().slice(0, 10));
      for (const event of events) {
        const { signal } = event.data as SignalRecorded['data'];
        signals.set(signal.id, signal);
      }
    }
    return [...signals.values()];
  }

  private async readDay(day: string) {
    return this.store.readStream(signalLogStream(day));
  }
}

function monthIndex(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return year * 12 + (m - 1);
}

/** The first day of the month after, `YYYY-MM-DD`. */
function nextMonth(month: string): string {
  const next = monthIndex(month) + 1;
  return `${Math.floor(next / 12)}-${String((next % 12) + 1).padStart(2, '0')}-01`;
}
