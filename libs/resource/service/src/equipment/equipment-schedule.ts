import { ModuleRef } from '@nestjs/core';
import { Actor, EventEnvelope, causedBy } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { DueCommand, DueCommandSender, ScheduleChange, ScheduleDefinition } from '@serviceledger/platform/scheduler';
import { AssetEvent, DueAssetCommand, addCalendarDays, assets, startOfShanghaiDay } from '@serviceledger/resource/domain';

/** Who the equipment scheduler acts as: a service actor, holding no role. */
export const EQUIPMENT_SCHEDULER_ACTOR: Actor = { userId: 'system:resource-equipment', roles: [], departments: [] };

/** A maintenance plan's date falls due as the day begins in Shanghai, and overdue once its grace days have passed. */
function maintenanceDates(assetId: string, planKey: string, dueOn: string, graceDays: number): DueCommand[] {
  const data = { assetId, planKey, dueOn };
  return [
    { key: `${assetId}:${planKey}:due:${dueOn}`, dueAt: startOfShanghaiDay(dueOn), type: 'MarkMaintenanceDue', data },
    { key: `${assetId}:${planKey}:overdue:${dueOn}`, dueAt: startOfShanghaiDay(addCalendarDays(dueOn, graceDays + 1)), type: 'MarkMaintenanceOverdue', data },
  ];
}

/**
 * An asset's dates as scheduled commands: the end of its service life, which flags it for
 * retirement, and each maintenance plan's due and overdue dates, re-planned from the day maintenance was
 * done. A command that fires after all (for a date since done, or an asset retired) is ignored by the decider.
 */
export const equipmentSchedule: ScheduleDefinition = {
  name: 'resource-equipment-dates',
  filter: { streamPrefixes: [assets.streamPrefix] },
  changes(envelope: EventEnvelope): ScheduleChange[] {
    const event = { type: envelope.type, data: envelope.data } as AssetEvent;
    switch (event.type) {
      case 'AssetRegistered': {
        const { assetId, endOfLifeOn } = event.data;
        return [{ plan: { key: `${assetId}:end-of-life`, dueAt: startOfShanghaiDay(endOfLifeOn), type: 'FlagEndOfLife', data: { assetId, endOfLifeOn } } }];
      }
      case 'MaintenancePlanAdded': {
        const { assetId, planKey, dueOn, graceDays } = event.data;
        return maintenanceDates(assetId, planKey, dueOn, graceDays).map((plan) => ({ plan }));
      }
      case 'MaintenancePerformed': {
        const { assetId, planKey, dueOn, nextDueOn, graceDays } = event.data;
        return [
          ...maintenanceDates(assetId, planKey, dueOn, graceDays).map((done) => ({ cancel: done.key })),
          ...maintenanceDates(assetId, planKey, nextDueOn, graceDays).map((plan) => ({ plan })),
        ];
      }
      default:
        return [];
    }
  },
};

/** Sends a due command to its asset at the instant it was planned for, under the scheduler's command id. */
export const equipmentDueSender =
  (moduleRef: ModuleRef): DueCommandSender =>
  async ({ type, data, commandId, at, cause }) => {
    const command = { type, data, metadata: causedBy(cause, { commandId, at, actor: EQUIPMENT_SCHEDULER_ACTOR }) } as DueAssetCommand;
    await moduleRef.get(Commands, { strict: false }).execute(assets, command);
  };
