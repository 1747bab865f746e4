import { Injectable } from '@nestjs/common';
import { CommandMetadata, followOn } from '@serviceledger/platform/core';
import { Commands } from '@serviceledger/platform/nest';
import { Appraisal, outcomeIdOf, outcomeRuleBooks, outcomes, rulesFor } from '@serviceledger/hr-performance/domain';

/** The installation's one rule book of outcomes; each revision is a version of it. */
export const OUTCOME_RULE_BOOK = 'standard';

/**
 * H-2.3: a finalised (or revised) appraisal's result, mapped by the rule book in force to its proposals,
 * each naming the appraisal, its revision and the rule version. Ids derive from the appraisal, revision
 * and rule, so a retry proposes nothing twice.
 */
@Injectable()
export class OutcomeProposer {
  constructor(private readonly commands: Commands) {}

  /** Nothing while the appraisal needs review (a corrected scorecard, quality lines without a value): HR's revision proposes. */
  async propose(appraisal: Appraisal, metadata: CommandMetadata): Promise<void> {
    if (appraisal.status !== 'finalised' || appraisal.needsReview) return;
    const book = await this.commands.state(outcomeRuleBooks, OUTCOME_RULE_BOOK);
    const current = book?.versions[book.versions.length - 1];
    if (!current) return;
    const { appraisalId, revision, kind, period, score, employeeId, departmentId } = appraisal;
    for (const rule of rulesFor(current, appraisal)) {
      const { payAdjustmentPercent, bonusCoefficient, trainingId, trackId } = rule;
      await this.commands.execute(outcomes, {
        type: 'ProposeOutcome',
        data: {
          outcomeId: outcomeIdOf(appraisalId, revision, rule.ruleId),
          employeeId,
          departmentId,
          kind: rule.kind,
          proposal: {
            ...(payAdjustmentPercent !== undefined ? { payAdjustmentPercent } : {}),
            ...(bonusCoefficient !== undefined ? { bonusCoefficient } : {}),
            ...(trainingId !== undefined ? { trainingId } : {}),
            ...(trackId !== undefined ? { trackId } : {}),
          },
          appraisal: { appraisalId, revision, kind, period, score },
          rule: { ruleBookId: OUTCOME_RULE_BOOK, version: current.version, ruleId: rule.ruleId },
        },
        metadata: followOn(metadata, rule.ruleId),
      });
    }
  }
}
