import { Inject, Injectable } from '@nestjs/common';
import { EventStore } from '@serviceledger/platform/core';
import { EVENT_STORE } from '@serviceledger/platform/nest';
import {
  BusinessCalendar,
  CALENDAR_REGISTRY_STREAM,
  CalendarRef,
  CalendarRegistry,
  CalendarRegistryEvent,
  RegisteredCalendar,
  calendarAtVersion,
  calendarRegistry,
} from '@serviceledger/quality-monitoring/domain';

/** The calendars at hand for one decision or query: as they are now, and at any version a clock ran under. */
export interface CalendarView {
  registry: CalendarRegistry;
  current(calendarId: string): BusinessCalendar | undefined;
  at(ref: CalendarRef): BusinessCalendar;
}

/**
 * Reads the calendar registry's events. A calendar version never changes, so each one is rebuilt once
 * and kept (the calendar arithmetic memoises per calendar object).
 */
@Injectable()
export class CalendarBook {
  private readonly versions = new Map<string, BusinessCalendar>();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async view(): Promise<CalendarView> {
    const events = await this.events();
    const registry = events.reduce(calendarRegistry.evolve, calendarRegistry.initialState());
    const at = (ref: CalendarRef): BusinessCalendar => {
      const key = `${ref.calendarId}@${ref.version}`;
      let calendar = this.versions.get(key);
      if (!calendar) {
        calendar = calendarAtVersion(events, ref.calendarId, ref.version);
        if (!calendar) throw new Error(`Calendar ${ref.calendarId} has no version ${ref.version}`);
        this.versions.set(key, calendar);
      }
      return calendar;
    };
    return {
      registry,
      current: (calendarId) => {
        const calendar: RegisteredCalendar | undefined = registry.calendars.get(calendarId);
        return calendar && at({ calendarId, version: calendar.version });
      },
      at,
    };
  }

  private async events(): Promise<CalendarRegistryEvent[]> {
    return (await this.store.readStream(CALENDAR_REGISTRY_STREAM)) as unknown as CalendarRegistryEvent[];
  }
}
