export * from './catalogue';
export * from './complaint-events';
export * from './contract';
export * from './demand-events';
export * from './topics';
export {
  COMPLEXITIES,
  CONVERSATION_CHANNELS,
  DEMAND_CHANNELS,
  DEMAND_KINDS,
  LEVELS,
  OPEN_DEMAND_STATUSES,
  PRIORITIES,
  TRIAGE_FIELDS,
  WAITED_ON,
  WEB_SUB_CHANNELS,
} from './vocabulary';
export type {
  Complexity,
  ConversationChannel,
  DemandChannel,
  DemandKind,
  DepartmentResponsibility,
  Level,
  OpenDemandStatus,
  Priority,
  TriageField,
  WaitedOn,
  WebSubChannel,
} from './vocabulary';
