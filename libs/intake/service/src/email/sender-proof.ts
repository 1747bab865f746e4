import { domainToASCII } from 'node:url';
import { normaliseEmail } from '@serviceledger/intake/domain';
import { AuthenticationResult, parseAuthenticationResults } from './authentication-results';
import type { InboundEmail } from './inbound-email';

/** What the channel knows of a mail's sender besides its headers. */
export interface SenderEvidence {
  /** SMTP MAIL FROM, or over HTTP the Return-Path; '' for the null sender; absent when the channel had none. */
  envelopeSender?: string;
  /** The SMTP session logged in with the credentials configured for the listener. */
  smtpAuthenticated: boolean;
}

export type ProofMethod = 'smtp-auth' | 'dmarc' | 'dkim' | 'spf';

export type SenderProof = { proven: true; by: ProofMethod } | { proven: false; why: string };

/**
 * Whether a mail proves that its From address is its sender. Nothing a sender writes counts by itself:
 *
 * - `smtp-auth`: the SMTP session logged in with the listener's credentials, and the envelope sender
 *   (MAIL FROM) is the From address itself;
 * - otherwise only Authentication-Results fields whose authserv-id is a trusted relay's are read (a
 *   field under any other id is ignored: anyone can write one), and one of them reports
 *   - `dmarc`: dmarc=pass for header.from equal to the From domain, or
 *   - `dkim`: dkim=pass for a signing domain (header.d, else the domain of header.i) that is the From
 *     domain or a parent of it (only who controls that domain's DNS can sign for it), or
 *   - `spf`: spf=pass for an smtp.mailfrom in the From domain, with the envelope sender this channel
 *     saw, if any, in the From domain too.
 *
 * An envelope sender outside the From domain proves nothing: SPF vouches for the envelope, not for
 * the From a reader sees. The relay must remove fields that claim its authserv-id from incoming mail,
 * as RFC 8601 §5 requires of it; it adds the only ones intake believes.
 */
export function proveSender(
  email: Pick<InboundEmail, 'from' | 'authenticationResults'>,
  evidence: SenderEvidence,
  trustedAuthservIds: readonly string[],
): SenderProof {
  const from = normaliseEmail(email.from.address);
  const fromDomain = domainOf(from);
  const envelope = evidence.envelopeSender === undefined ? undefined : normaliseEmail(evidence.envelopeSender);
  if (evidence.smtpAuthenticated && envelope === from) return { proven: true, by: 'smtp-auth' };

  const trusted = new Set(trustedAuthservIds.map((id) => id.toLowerCase()));
  const results = email.authenticationResults
    .map(parseAuthenticationResults)
    .filter(({ authservId }) => trusted.has(authservId))
    .flatMap(({ results }) => results)
    .filter(({ result }) => result === 'pass');
  const passed = (method: ProofMethod, aligned: (result: AuthenticationResult) => boolean) =>
    results.some((result) => result.method === method && aligned(result));

  if (passed('dmarc', ({ properties }) => domainOf(properties['header.from'] ?? '') === fromDomain)) return { proven: true, by: 'dmarc' };
  if (passed('dkim', ({ properties }) => isWithin(fromDomain, domainOf(properties['header.d'] ?? properties['header.i'] ?? '')))) {
    return { proven: true, by: 'dkim' };
  }
  const envelopeAgrees = envelope === undefined || domainOf(envelope) === fromDomain;
  if (envelopeAgrees && passed('spf', ({ properties }) => domainOf(properties['smtp.mailfrom'] ?? '') === fromDomain)) {
    return { proven: true, by: 'spf' };
  }

  const loggedIn = evidence.smtpAuthenticated ? 'the SMTP session logged in, but its envelope sender is not the From address; ' : '';
  const relay = email.authenticationResults.some((value) => trusted.has(parseAuthenticationResults(value).authservId))
    ? 'the trusted relay reports no DMARC pass, no DKIM pass for the From domain and no SPF pass for an envelope sender in it'
    : 'the mail carries no authentication results from a trusted relay';
  return { proven: false, why: loggedIn + relay };
}

/** The domain of an address (or a bare domain), in lower-case ASCII, without a trailing dot; '' for none. */
function domainOf(addressOrDomain: string): string {
  const domain = addressOrDomain.slice(addressOrDomain.lastIndexOf('@') + 1).trim().replace(/\.$/, '');
  return domain === '' ? '' : domainToASCII(domain.toLowerCase());
}

function isWithin(domain: string, signer: string): boolean {
  return signer !== '' && (domain === signer || domain.endsWith(`.${signer}`));
}
