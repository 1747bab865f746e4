import { parseAuthenticationResults } from './authentication-results';

describe('parseAuthenticationResults', () => {
  it('reads the authserv-id and each method with its result and properties, comments dropped', () => {
    const value = [
      'mx.serviceledger.test;',
      ' dkim=pass header.i=@example.cn header.s=s1 header.b=Ab12;',
      ' spf=pass (mx.serviceledger.test: domain of li@example.cn designates 192.0.2.1 as permitted sender) smtp.mailfrom=li@example.cn;',
      ' dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=example.cn',
    ].join('\r\n\t');

    expect(parseAuthenticationResults(value)).toEqual({
      authservId: 'mx.serviceledger.test',
      results: [
        { method: 'dkim', result: 'pass', properties: { 'header.i': '@example.cn', 'header.s': 's1', 'header.b': 'Ab12' } },
        { method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'li@example.cn' } },
        { method: 'dmarc', result: 'pass', properties: { 'header.from': 'example.cn' } },
      ],
    });
  });

  it('reads a version, a field with no results, and names and results in any case', () => {
    expect(parseAuthenticationResults('MX.ServiceLedger.TEST 1; none')).toEqual({ authservId: 'mx.serviceledger.test', results: [] });
    expect(parseAuthenticationResults('mx.serviceledger.test; DKIM/1 = Pass header.d = Example.CN').results).toEqual([
      { method: 'dkim', result: 'pass', properties: { 'header.d': 'Example.CN' } },
    ]);
  });

  it('reads no result out of a comment or a quoted string, however it is written', () => {
    const forged = parseAuthenticationResults(
      'mx.serviceledger.test; spf=fail (not really; dmarc=pass header.from=victim.cn) smtp.mailfrom=x@evil.example; dkim=fail reason="header.d=victim.cn; dmarc=pass" header.d=evil.example',
    );
    expect(forged.results).toEqual([
      { method: 'spf', result: 'fail', properties: { 'smtp.mailfrom': 'x@evil.example' } },
      { method: 'dkim', result: 'fail', properties: { 'header.d': 'evil.example' } },
    ]);
  });

  it('reads a quoted authserv-id and quoted property values', () => {
    expect(parseAuthenticationResults('"mx.serviceledger.test"; spf=pass smtp.mailfrom="li@example.cn"')).toEqual({
      authservId: 'mx.serviceledger.test',
      results: [{ method: 'spf', result: 'pass', properties: { 'smtp.mailfrom': 'li@example.cn' } }],
    });
  });

  it('yields no results for a value that does not parse', () => {
    expect(parseAuthenticationResults('').results).toEqual([]);
    expect(parseAuthenticationResults('mx.serviceledger.test; ;;=pass; (unclosed dmarc=pass').results).toEqual([]);
  });
});
