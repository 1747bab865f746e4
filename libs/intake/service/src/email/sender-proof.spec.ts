import { SenderEvidence, proveSender } from './sender-proof';

const RELAY = 'mx.serviceledger.test';
const viaRelay: SenderEvidence = { envelopeSender: 'li@example.cn', smtpAuthenticated: false };

/** A mail from li@example.cn (or the given address) carrying the given Authentication-Results values. */
const mail = (authenticationResults: string[], address = 'Li@Example.CN') => ({ from: { address }, authenticationResults });
const proof = (results: string[], evidence = viaRelay, address?: string) => proveSender(mail(results, address), evidence, [RELAY]);

describe('proveSender', () => {
  it('proves nothing without authentication results from a trusted relay or a login', () => {
    expect(proof([])).toEqual({ proven: false, why: 'the mail carries no authentication results from a trusted relay' });
    expect(proveSender(mail([`${RELAY}; dmarc=pass header.from=example.cn`]), viaRelay, [])).toMatchObject({ proven: false });
  });

  it('ignores every field written under another authserv-id, whatever it reports', () => {
    const forged = ['mx.example.cn; dmarc=pass header.from=example.cn', `${RELAY}.evil.example; dkim=pass header.d=example.cn`];
    expect(proof(forged)).toEqual({ proven: false, why: 'the mail carries no authentication results from a trusted relay' });
  });

  it('takes a DMARC pass for the From domain, matching the authserv-id in any case', () => {
    expect(proof(['MX.ServiceLedger.Test; dmarc=pass (p=REJECT) header.from=example.cn'])).toEqual({ proven: true, by: 'dmarc' });
    expect(proof([`${RELAY}; dmarc=pass header.from=evil.example`])).toMatchObject({ proven: false });
    expect(proof([`${RELAY}; dmarc=pass`])).toMatchObject({ proven: false });
    expect(proof([`${RELAY}; dmarc=fail header.from=example.cn`])).toEqual({
      proven: false,
      why: 'the trusted relay reports no DMARC pass, no DKIM pass for the From domain and no SPF pass for an envelope sender in it',
    });
  });

  it('takes a DKIM pass by the From domain or a parent of it, never by a sibling, a child or another domain', () => {
    expect(proof([`${RELAY}; dkim=pass header.d=example.cn`])).toEqual({ proven: true, by: 'dkim' });
    expect(proof([`${RELAY}; dkim=pass header.i=@example.cn`])).toEqual({ proven: true, by: 'dkim' });
    expect(proof([`${RELAY}; dkim=pass header.d=example.cn`], viaRelay, 'wang@sz.example.cn')).toEqual({ proven: true, by: 'dkim' });
    expect(proof([`${RELAY}; dkim=pass header.d=mail.example.cn`])).toMatchObject({ proven: false });
    expect(proof([`${RELAY}; dkim=pass header.d=ample.cn`])).toMatchObject({ proven: false });
    expect(proof([`${RELAY}; dkim=pass header.d=esp.example; dkim=fail header.d=example.cn`])).toMatchObject({ proven: false });
  });

  it('takes an SPF pass only for an envelope sender in the From domain: one that disagrees with From proves nothing', () => {
    expect(proof([`${RELAY}; spf=pass smtp.mailfrom=li@example.cn`])).toEqual({ proven: true, by: 'spf' });
    expect(proof([`${RELAY}; spf=pass smtp.mailfrom=example.cn`], { smtpAuthenticated: false })).toEqual({ proven: true, by: 'spf' });
    expect(proof([`${RELAY}; spf=pass smtp.mailfrom=bounce@evil.example`])).toMatchObject({ proven: false });
    const forwarded = { envelopeSender: 'attacker@evil.example', smtpAuthenticated: false };
    expect(proof([`${RELAY}; spf=pass smtp.mailfrom=li@example.cn`], forwarded)).toMatchObject({ proven: false });
    expect(proof([`${RELAY}; spf=pass smtp.mailfrom=li@example.cn`], { envelopeSender: '', smtpAuthenticated: false })).toMatchObject({ proven: false });
  });

  it('takes an SMTP login only with the From address as the envelope sender', () => {
    expect(proof([], { envelopeSender: 'LI@example.cn', smtpAuthenticated: true })).toEqual({ proven: true, by: 'smtp-auth' });
    expect(proof([], { envelopeSender: 'someone@example.cn', smtpAuthenticated: true })).toEqual({
      proven: false,
      why: 'the SMTP session logged in, but its envelope sender is not the From address; the mail carries no authentication results from a trusted relay',
    });
  });
});
