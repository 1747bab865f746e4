import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Actor, CommandMetadata, causedBy, commandIdFrom } from '@serviceledger/platform/core';
import { ConsumerOptions, IntegrationMessage } from '@serviceledger/platform/messaging';
import { Commands, ReadModels } from '@serviceledger/platform/nest';
import {
  PERIOD_CLOSED_V1,
  PERIOD_SCORECARD_ADJUSTED_V1,
  PeriodClosedV1,
  PeriodScorecardAdjustedV1,
  QUALITY_PERIOD_CONTRACTS,
  QUALITY_PERIOD_TOPIC,
} from '@serviceledger/quality-monitoring/contracts';
import { QUALITY_INDICATORS, QualityFigures, appraisalIdOf, appraisalSchemes, appraisals, employees, latestSchemeVersion } from '@serviceledger/hr-performance/domain';
import { APPRAISALS_PROJECTION, AppraisalRow } from './appraisals.projection';

export const APPRAISAL_CONSUMER = 'hr-performance.appraisals';

/** The service acting on quality monitoring's messages: no role, as every consumer. */
const APPRAISAL_ACTOR: Actor = { userId: 'hr-performance', roles: [], departments: [] };

/**
 * Monthly appraisal from quality monitoring's closed months (H-2.1, H-2.2; Q-2.2 "評估結果作為部門和個人績效考核的重要依據"):
 * when a month closes, a draft appraisal for each person it published indicators for who is an employee
 * on a post with an appraisal scheme, drawn from those facts. A correction of a department's scorecard
 * afterwards flags that month's appraisals of the department for review; it changes no figure.
 * Quarters are not appraisal cycles and are left alone.
 */
@Injectable()
export class AppraisalConsumer {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
  ) {}

  async handle(message: IntegrationMessage): Promise<void> {
    if (message.type === PERIOD_CLOSED_V1.type) return this.draft(message, message.data as PeriodClosedV1);
    if (message.type === PERIOD_SCORECARD_ADJUSTED_V1.type) return this.flag(message, message.data as PeriodScorecardAdjustedV1);
  }

  private async draft(message: IntegrationMessage, closed: PeriodClosedV1): Promise<void> {
    if (closed.kind !== 'month') return;
    for (const person of closed.persons) {
      const employee = await this.commands.state(employees, person.personId);
      if (!employee || employee.leftOn) continue;
      const scheme = await this.commands.state(appraisalSchemes, employee.postId);
      if (!scheme) continue;
      const appraisalId = appraisalIdOf(employee.employeeId, closed.period);
      const indicators: QualityFigures = Object.fromEntries(QUALITY_INDICATORS.filter((i) => i in person.indicators).map((i) => [i, person.indicators[i] ?? null]));
      await this.commands.execute(appraisals, {
        type: 'DraftMonthlyAppraisal',
        data: {
          appraisalId,
          employeeId: employee.employeeId,
          departmentId: employee.departmentId,
          postId: employee.postId,
          scheme: latestSchemeVersion(scheme),
          facts: { period: closed.period, messageId: message.id, indicators },
        },
        metadata: this.metadata(message, appraisalId, closed.closedAt),
      });
    }
  }

  private async flag(message: IntegrationMessage, adjusted: PeriodScorecardAdjustedV1): Promise<void> {
    const rows = await this.readModels
      .repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal')
      .findBy({ period: adjusted.period, departmentId: adjusted.departmentId, kind: 'monthly' });
    for (const row of rows) {
      await this.commands.execute(appraisals, {
        type: 'FlagAppraisalForReview',
        data: { appraisalId: row.appraisalId, departmentId: adjusted.departmentId, adjustment: adjusted.adjustment, reason: adjusted.reason, messageId: message.id },
        metadata: this.metadata(message, row.appraisalId, adjusted.adjustedAt),
      });
    }
  }

  private metadata(message: IntegrationMessage, appraisalId: string, at: string): CommandMetadata {
    return causedBy(message, { commandId: commandIdFrom('hr-performance', message.id, appraisalId), at, actor: APPRAISAL_ACTOR });
  }
}

export const appraisalConsumer = (moduleRef: ModuleRef): ConsumerOptions => ({
  name: APPRAISAL_CONSUMER,
  topics: [QUALITY_PERIOD_TOPIC],
  contracts: [...QUALITY_PERIOD_CONTRACTS],
  handle: (message) => moduleRef.get(AppraisalConsumer, { strict: false }).handle(message),
});
