export * from './agreement';
export * from './information-sharing';
export * from './partner';
export * from './partner-meeting';
export * from './partner-personal-data';
// The shared words under names of their own: other resource concepts have their own date helpers.
export {
  PRIORITIES as AGREEMENT_PRIORITIES,
  type Priority as AgreementPriority,
  addDays as addAgreementDays,
  localDateOf as agreementLocalDateOf,
  startOfLocalDate as agreementDayStart,
} from './partner-terms';
