import { ensureReachable, normaliseEmail, normalisePhone } from './contact-details';

describe('contact details', () => {
  it('compare e-mail addresses without case or surrounding blanks', () => {
    expect(normaliseEmail('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
  });

  it('keep only the leading plus and the digits of a phone number', () => {
    expect(normalisePhone(' +86 (10) 1234-5678 ')).toBe('+861012345678');
    expect(normalisePhone('010.1234 5678')).toBe('01012345678');
  });

  it('are reachable by phone or by e-mail', () => {
    expect(() => ensureReachable('Customer c-1', '+861012345678', undefined)).not.toThrow();
    expect(() => ensureReachable('Customer c-1', undefined, 'a@b.cn')).not.toThrow();
  });

  it('refuse a contact with neither phone nor e-mail', () => {
    expect(() => ensureReachable('Customer c-1', undefined, undefined)).toThrow(
      expect.objectContaining({ name: 'RuleViolation', code: 'contact-unreachable' }),
    );
  });
});
