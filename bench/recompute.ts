// 9. Recomputation (issue 6): quality monitoring re-evaluates a period under another policy set by replaying every
//     demand's recorded clock signals through the live consumer's ClockDriver on a scratch in-memory event store
//     (`replayClocks`, docs/adr/0011-clock-signals-and-replay.md). Timed against the same clocks decided by the pure
//     deciders alone: `planClockCommands` for each signal, folded through `slaClock` and `trackedCase` in memory, with
//     a hand-built snapshot, no event store and no handle(). The ratio is the cost of reusing the live driver.
import {
  DEMAND_ASSIGNED_V1,
  DEMAND_REGISTERED_V1,
  DEMAND_REPLY_SENT_V1,
  DEMAND_RESOLVED_V1,
  DEMAND_RESUMED_V1,
  DEMAND_TRIAGED_V1,
  DEMAND_WAITING_ON_CUSTOMER_V1,
  DemandAssignedV1,
  DemandRegisteredV1,
  DemandReplySentV1,
  DemandResolvedV1,
  DemandResumedV1,
  DemandTriagedV1,
  DemandWaitingOnCustomerV1,
  Priority,
} from '@serviceledger/intake/contracts';
import { CommandMetadata, NotFoundError, RuleViolation } from '@serviceledger/platform/core';
import {
  BusinessCalendar,
  CalendarRef,
  ClockSignal,
  Metric,
  SlaClock,
  TrackedCaseState,
  activePolicies,
  calendarRegistry,
  policyRegistry,
  slaClock,
  trackedCase,
} from '@serviceledger/quality-monitoring/domain';
// The service library's index exports only its Nest module: the recomputation path and the seed are reached by path.
import { SEED_CALENDAR, SEED_CALENDAR_ID, SEED_POLICIES } from '../libs/quality-monitoring/service/src/administration/seed';
import { ClockRules } from '../libs/quality-monitoring/service/src/clocks/clock-driver';
import { planClockCommands } from '../libs/quality-monitoring/service/src/clocks/clock-planner';
import { replayClocks } from '../libs/quality-monitoring/service/src/clocks/clock-replay';
import { BenchOptions, BenchResult, median, now } from './harness';

const SEED_META: CommandMetadata = {
  commandId: 'bench-seed',
  at: '2026-10-01T00:00:00Z',
  actor: { userId: 'bench', roles: [], departments: [] },
  correlationId: 'bench-seed',
};

/** The installation's seed: the mainland office calendar (09:00–12:00, 13:30–18:00 weekdays) and the standard SLA per priority. */
export function seededRules(): ClockRules {
  const calendars = calendarRegistry
    .decide({ type: 'DefineCalendar', data: SEED_CALENDAR, metadata: SEED_META }, calendarRegistry.initialState())
    .reduce(calendarRegistry.evolve, calendarRegistry.initialState());
  const office = calendars.calendars.get(SEED_CALENDAR_ID);
  if (!office) throw new Error('bench: the seeded calendar was not defined');
  const registry = SEED_POLICIES.reduce(
    (state, data) => policyRegistry.decide({ type: 'DefinePolicy', data, metadata: SEED_META }, state).reduce(policyRegistry.evolve, state),
    policyRegistry.initialState(),
  );
  const calendar: BusinessCalendar = office;
  return {
    policies: activePolicies(registry),
    calendarAt: (ref: CalendarRef) => {
      if (ref.calendarId !== calendar.calendarId || ref.version !== calendar.version) throw new Error(`bench: no calendar ${ref.calendarId} v${ref.version}`);
      return calendar;
    },
    currentCalendar: (id) => (id === calendar.calendarId ? calendar : undefined),
  };
}

/** Small deterministic PRNG (mulberry32), so every run replays the same month. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MINUTES = 450; // 09:00–12:00 and 13:30–18:00
/** Weekdays from Monday 2 November 2026 (Shanghai), enough for demands registered in November to finish. */
const WEEKDAYS: number[] = (() => {
  const days: number[] = [];
  for (let day = Date.UTC(2026, 10, 2); days.length < 60; day += 86_400_000) {
    const weekday = new Date(day).getUTCDay();
    if (weekday !== 0 && weekday !== 6) days.push(day);
  }
  return days;
})();
const NOVEMBER_WEEKDAYS = WEEKDAYS.filter((day) => new Date(day).getUTCMonth() === 10).length;

/** The instant `minute` business minutes into the office calendar from Monday 2 November 09:00, Shanghai (UTC+8). */
function businessInstant(minute: number): string {
  const day = WEEKDAYS[Math.floor(minute / DAY_MINUTES)];
  if (day === undefined) throw new Error('bench: a demand ran past the generated weekdays');
  const inDay = minute % DAY_MINUTES;
  const local = inDay < 180 ? 9 * 60 + inDay : 13 * 60 + 30 + (inDay - 180);
  return new Date(day + (local - 8 * 60) * 60_000).toISOString();
}

const hex = (random: () => number, n: number) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');

/**
 * A month of `count` demands, registered at random business minutes of November 2026's weekdays, each with its
 * day of intake signals in order: registered; triaged for 40 % (a third of those at another priority, which
 * retargets the running clocks); assigned; a first reply; for 30 % a wait on the customer and its resumption,
 * sometimes the next day; resolved for 95 %.
 */
export function monthOfSignals(count: number, seed = 6): ClockSignal[][] {
  const random = seeded(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const priorities: Priority[] = ['P1', 'P2', 'P2', 'P3', 'P3', 'P3', 'P3', 'P3', 'P4', 'P4'];
  return Array.from({ length: count }, (_, n) => {
    const demandId = `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-${hex(random, 12)}`;
    const signals: ClockSignal[] = [];
    const signal = (type: string, at: string, data: object) =>
      signals.push({
        id: `${demandId}.${signals.length + 1}`,
        type,
        data: { demandId, ...data },
        time: at,
        extensions: { correlationid: demandId },
      });
    let t = between(0, NOVEMBER_WEEKDAYS * DAY_MINUTES - 1);
    const priority = pick(priorities);
    const registeredAt = businessInstant(t);
    signal(DEMAND_REGISTERED_V1.type, registeredAt, {
      reference: `SR-2026-${String(n + 1).padStart(6, '0')}`,
      customerId: `c-${between(1, 400)}`,
      customerTier: pick(['standard', 'standard', 'gold', 'platinum'] as const),
      channel: pick(['phone', 'email', 'email'] as const),
      kind: 'enquiry',
      subject: 'The invoice printer stopped after the update',
      businessCategory: 'technical-support',
      impact: 2,
      urgency: 2,
      priority,
      registeredAt,
      occurredAt: registeredAt,
    } satisfies Omit<DemandRegisteredV1, 'demandId'>);
    if (random() < 0.4) {
      t += between(2, 20);
      const at = businessInstant(t);
      const triaged = random() < 1 / 3 ? pick(['P1', 'P2', 'P3', 'P4'] as const) : priority;
      signal(DEMAND_TRIAGED_V1.type, at, {
        complexity: 'routine',
        priority: triaged,
        businessCategory: 'technical-support',
        overridden: triaged === priority ? [] : ['priority'],
        decidedBy: 'agent-1',
        occurredAt: at,
      } satisfies Omit<DemandTriagedV1, 'demandId'>);
    }
    t += between(1, 40);
    const assignedAt = businessInstant(t);
    signal(DEMAND_ASSIGNED_V1.type, assignedAt, {
      departmentId: 'tech-support',
      ownerId: `agent-${between(1, 30)}`,
      assignedBy: 'agent-1',
      occurredAt: assignedAt,
    } satisfies Omit<DemandAssignedV1, 'demandId'>);
    t += between(5, 240);
    const sentAt = businessInstant(t);
    signal(DEMAND_REPLY_SENT_V1.type, sentAt, {
      channel: 'email',
      firstResponse: true,
      sentAt,
      sentBy: 'agent-1',
      occurredAt: sentAt,
    } satisfies Omit<DemandReplySentV1, 'demandId'>);
    if (random() < 0.3) {
      t += between(10, 90);
      const since = businessInstant(t);
      signal(DEMAND_WAITING_ON_CUSTOMER_V1.type, since, { since, occurredAt: since } satisfies Omit<DemandWaitingOnCustomerV1, 'demandId'>);
      t += between(30, 900);
      const resumedAt = businessInstant(t);
      signal(DEMAND_RESUMED_V1.type, resumedAt, {
        waitingSince: since,
        resumedAt,
        trigger: 'customer-message',
        waitedOn: 'customer',
        occurredAt: resumedAt,
      } satisfies Omit<DemandResumedV1, 'demandId'>);
    }
    if (random() < 0.95) {
      t += between(30, 1500);
      const resolvedAt = businessInstant(t);
      signal(DEMAND_RESOLVED_V1.type, resolvedAt, { resolvedAt, occurredAt: resolvedAt } satisfies Omit<DemandResolvedV1, 'demandId'>);
    }
    return signals;
  });
}

/**
 * The baseline: the same clocks decided by the pure deciders alone. Each signal's commands come from
 * `planClockCommands` over a snapshot kept in memory (the tracked case and its clocks by metric), and are folded
 * through `trackedCase` and `slaClock` directly. No event store, no signal record, no handle(), no envelopes.
 */
export function decideInMemory(signalsByDemand: ClockSignal[][], rules: ClockRules): { clocks: SlaClock[]; refused: number } {
  const clocks: SlaClock[] = [];
  let refused = 0;
  for (const signals of signalsByDemand) {
    let known: TrackedCaseState = null;
    const byStream = new Map<string, SlaClock>();
    const byMetric: Partial<Record<Metric, SlaClock>> = {};
    for (const signal of signals) {
      const plan = planClockCommands(signal, {
        trackedCase: known,
        clocks: byMetric,
        nextUpdateClocks: [],
        policies: rules.policies,
        calendarAt: rules.calendarAt,
        currentCalendar: rules.currentCalendar,
      });
      try {
        for (const planned of plan) {
          if (planned.kind === 'case') {
            known = trackedCase.decide(planned.command, known).reduce(trackedCase.evolve, known);
          } else if (planned.kind === 'clock') {
            const before = byStream.get(planned.stream) ?? slaClock.initialState();
            const after = slaClock.decide(planned.command, before).reduce(slaClock.evolve, before);
            if (after) {
              byStream.set(planned.stream, after);
              byMetric[after.metric] = after;
            }
          } else {
            throw new Error(`bench: intake signals planned a ${planned.kind} command`);
          }
        }
      } catch (error) {
        if (!(error instanceof RuleViolation || error instanceof NotFoundError)) throw error;
        refused++;
      }
    }
    clocks.push(...byStream.values());
  }
  return { clocks, refused };
}

/** The stopped clocks' used minutes by clock id, sorted: what both sides must agree on. */
function stoppedClocks(clocks: SlaClock[]): string[] {
  return clocks
    .filter((clock) => clock.status === 'stopped')
    .map((clock) => `${clock.clockId} ${clock.result?.usedMinutes ?? 'no result'} ${clock.result?.outcome ?? ''}`)
    .sort();
}

export async function measureRecomputation(options: BenchOptions): Promise<BenchResult> {
  const demands = options.quick ? 300 : 2_000;
  const rules = seededRules();
  const month = monthOfSignals(demands);
  const signals = month.reduce((n, s) => n + s.length, 0);

  // The baseline is much faster on a small month: repeat it within a round so that it is timed over a comparable span.
  const timed = async <T>(work: () => T | Promise<T>, times: number): Promise<{ ms: number; result: T }> => {
    const start = now();
    let result = await work();
    for (let i = 1; i < times; i++) result = await work();
    return { ms: (now() - start) / times, result };
  };

  // Both sides must decide the same clocks before either is timed. This first pass also warms them up.
  const { ms: firstOurs, result: replayed } = await timed(() => replayClocks(month, rules), 1);
  const { ms: firstBaseline, result: decided } = await timed(() => decideInMemory(month, rules), 1);
  const [ours, theirs] = [stoppedClocks(replayed.clocks), stoppedClocks(decided.clocks)];
  const differ = ours.findIndex((line, i) => line !== theirs[i]);
  if (ours.length !== theirs.length || differ !== -1 || replayed.clocks.length !== decided.clocks.length || replayed.refusedSignals.length !== decided.refused) {
    throw new Error(
      `bench: recomputation replay and pure deciders disagree: ${replayed.clocks.length} against ${decided.clocks.length} clocks, ` +
        `${ours.length} against ${theirs.length} stopped, ${replayed.refusedSignals.length} against ${decided.refused} refused signals` +
        (differ === -1 ? '' : `; first difference: "${ours[differ]}" against "${theirs[differ]}"`),
    );
  }
  if (ours.length === 0) throw new Error('bench: the generated month stopped no clock');
  options.log(
    `  recompute: ${demands} demands, ${signals} signals, ${replayed.clocks.length} clocks (${ours.length} stopped), ` +
      `${replayed.refusedSignals.length} refused: replay and pure deciders agree`,
  );

  const repeats = firstBaseline >= 500 ? 1 : Math.max(1, Math.min(20, Math.round(firstOurs / firstBaseline)));
  const oursMs: number[] = [];
  const baselineMs: number[] = [];
  const rounds = options.quick ? 2 : 3;
  for (let round = 0; round < rounds; round++) {
    const sides = [
      async () => oursMs.push((await timed(() => replayClocks(month, rules), 1)).ms),
      async () => baselineMs.push((await timed(() => decideInMemory(month, rules), repeats)).ms),
    ];
    if (round % 2) sides.reverse();
    for (const side of sides) await side();
  }
  const [oursPass, baselinePass] = [median(oursMs), median(baselineMs)];
  options.log(
    `  recompute: one replay of the ${demands} demands took ${oursPass.toFixed(0)} ms (${((demands * 1000) / oursPass).toFixed(0)} demands/s); ` +
      `the pure deciders took ${baselinePass.toFixed(1)} ms (${((demands * 1000) / baselinePass).toFixed(0)} demands/s, median of ${rounds} rounds of ${repeats})`,
  );
  return {
    metric: `recomputation replay, ${demands} demands' signals`,
    unit: 'events/s',
    ours: (signals * 1000) / oursPass,
    baseline: (signals * 1000) / baselinePass,
    baselineLabel:
      `the same signals' planClockCommands folded through the slaClock and trackedCase deciders in memory (no event store, ` +
      `no handle()); ours is replayClocks (ClockDriver on an InMemoryEventStore). Rates in signals/s, ${(signals / demands).toFixed(1)} signals a demand`,
  } satisfies BenchResult;
}
