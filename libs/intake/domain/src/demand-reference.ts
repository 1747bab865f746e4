/** The reference a customer quotes, `SR-<year>-<sequence of six or more digits>`; the service allocates it. */
export const DEMAND_REFERENCE_PATTERN = /^SR-\d{4}-\d{6,}$/;

/**
 * The counter each year's references are numbered from: the event store takes its next number in the
 * registration's own transaction, so a refused registration takes none (see `EventStore.appendNumbered`).
 */
export const demandReferenceCounter = (year: number): string => `intake.demand-reference-${year}`;

export function formatDemandReference(year: number, sequence: number): string {
  return `SR-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The first reference quoted in a text, such as a reply's subject "Re: [SR-2026-000123] …", to thread the reply. */
export function findDemandReference(text: string): string | undefined {
  return /(?<![A-Za-z0-9])SR-\d{4}-\d{6,}(?![A-Za-z0-9])/i.exec(text)?.[0].toUpperCase();
}
