export * from './case-events';
export * from './catalogue';
export * from './contract';
export * from './meeting-events';
export * from './standard-events';
export * from './topics';
export {
  CANCELLABLE_CASE_STATUSES,
  CASE_COMPLEXITIES,
  FOLLOW_UP_CHANNELS,
  PROBLEM_SOURCES,
  PROCESS_STAGES,
} from './vocabulary';
export type { CancellableCaseStatus, CaseComplexity, FollowUpChannel, ProblemSource, ProcessStage } from './vocabulary';
export * from './channels';
