import { Inject, Injectable } from '@nestjs/common';
import { Actor, Clock, CommandMetadata, NotFoundError, followOn } from '@serviceledger/platform/core';
import { CLOCK, CommandAccepted, Commands, ReadModels } from '@serviceledger/platform/nest';
import {
  CareerEntry,
  PromotionTrack,
  TRACK_IDS,
  TrackId,
  careerAsOf,
  careers,
  employees,
  latestTrackVersion,
  localDate,
  maySeeAppraisal,
  placementOn,
  promotionTracks,
} from '@serviceledger/hr-performance/domain';
import { APPRAISALS_PROJECTION, AppraisalRow } from '../appraisals/appraisals.projection';
import { CompletionRow, TRAINING_PROJECTION } from '../training/training.projection';
import { PromotionDto, PromotionTrackDto } from './promotion.dto';

export interface CareerView {
  employeeId: string;
  asOf: string;
  departmentId: string | null;
  postId: string | null;
  trackId: string | null;
  /** The grade held on the date. */
  level: string | null;
  levelSince: string | null;
  promotions: CareerEntry[];
  payAdjustments: CareerEntry[];
  /** The pay adjustments effective by the date, compounded, in percent. */
  payAdjustmentPercent: number;
  /** The promotions and pay adjustments decided to take effect after the date, earliest first. */
  scheduled: CareerEntry[];
}

/**
 * Promotion tracks (H-3.2): HR sets the management and the professional track's levels and criteria, and
 * decides promotions to the next level of the employee's track against them — the finalised appraisals, the
 * training completed and the time in the level, from the records — or as an exception with its reason. A
 * decided promotion places the employee at the new level from its effective date, so the employee record
 * stays the one record of grade and track. A career reads as it stood on any date.
 */
@Injectable()
export class PromotionWorkflow {
  constructor(
    private readonly commands: Commands,
    private readonly readModels: ReadModels,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async setTrack(trackId: TrackId, dto: PromotionTrackDto, metadata: CommandMetadata) {
    const levels = dto.levels.map(({ level, name, criteria }) => ({
      level,
      name,
      criteria: { ...(criteria.minAppraisals ? { minAppraisals: { ...criteria.minAppraisals } } : {}), requiredTraining: [...criteria.requiredTraining], minMonthsInLevel: criteria.minMonthsInLevel },
    }));
    const { id, checkpoint, state } = await this.commands.decide(promotionTracks, { type: 'SetPromotionTrack', data: { trackId, name: dto.name, levels }, metadata });
    return { id, checkpoint, version: state ? latestTrackVersion(state).version : undefined };
  }

  async tracks(): Promise<Array<NonNullable<PromotionTrack>>> {
    const tracks = await Promise.all(TRACK_IDS.map((id) => this.commands.state(promotionTracks, id)));
    return tracks.filter((t): t is NonNullable<PromotionTrack> => t !== null);
  }

  async decide(dto: PromotionDto, metadata: CommandMetadata): Promise<CommandAccepted> {
    const employee = await this.commands.state(employees, dto.employeeId);
    if (!employee || employee.leftOn) throw new NotFoundError('Employee', dto.employeeId);
    const track = await this.commands.state(promotionTracks, dto.trackId);
    if (!track) throw new NotFoundError('Promotion track', dto.trackId);
    const finalised = await this.readModels
      .repository<AppraisalRow>(APPRAISALS_PROJECTION, 'appraisal')
      .findBy({ employeeId: employee.employeeId, status: 'finalised' });
    const completed = await this.readModels.repository<CompletionRow>(TRAINING_PROJECTION, 'completion').findBy({ employeeId: employee.employeeId });
    const decided = await this.commands.decide(careers, {
      type: 'DecidePromotion',
      data: {
        employeeId: employee.employeeId,
        current: { departmentId: employee.departmentId, trackId: employee.track, level: employee.level, levelSince: employee.levelSince },
        track: latestTrackVersion(track),
        toLevel: dto.toLevel,
        effectiveOn: dto.effectiveOn,
        evidence: {
          appraisals: finalised.map((a) => ({ appraisalId: a.appraisalId, kind: a.kind as 'monthly' | 'annual', period: a.period, score: a.score, ...(a.needsReview ? { needsReview: true } : {}) })),
          trainingsCompleted: [...new Set(completed.map((c) => c.trainingId))].sort(),
        },
        ...(dto.exception ? { exception: { reason: dto.exception.reason } } : {}),
        ...(dto.outcomeId ? { outcomeId: dto.outcomeId } : {}),
      },
      metadata,
    });
    await this.commands.execute(employees, {
      type: 'PlaceEmployee',
      data: { employeeId: employee.employeeId, level: dto.toLevel, from: dto.effectiveOn, post: { postId: employee.postId, departmentId: employee.departmentId, track: employee.track } },
      metadata: followOn(metadata, 'placement'),
    });
    return { id: decided.id, checkpoint: decided.checkpoint };
  }

  /** Grade, track and pay adjustments as they stood on a date: HR, the head of the employee's department, the employee. */
  async career(actor: Actor, employeeId: string, asOf: string | undefined): Promise<CareerView> {
    const employee = await this.commands.state(employees, employeeId);
    if (!employee || !maySeeAppraisal(actor, employee)) throw new NotFoundError('Employee', employeeId);
    const date = asOf ?? localDate(this.clock.now().toISOString());
    const { placement: started, levelSince } = placementOn(employee, date);
    // None on a date before the hire or after the leaving date.
    const placement = started.from <= date && (!started.to || date <= started.to) ? started : undefined;
    const since = placement ? levelSince : null;
    const career = await this.commands.state(careers, employeeId);
    const { history, payAdjustmentPercent } = career ? careerAsOf(career, date) : { history: [], payAdjustmentPercent: 0 };
    return {
      employeeId,
      asOf: date,
      departmentId: placement?.departmentId ?? null,
      postId: placement?.postId ?? null,
      trackId: placement?.track ?? null,
      level: placement?.level ?? null,
      levelSince: since,
      promotions: history.filter((e) => e.kind === 'promotion'),
      payAdjustments: history.filter((e) => e.kind === 'pay-adjustment'),
      payAdjustmentPercent,
      scheduled: career ? career.history.filter((e) => e.effectiveOn > date).sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn)) : [],
    };
  }
}
