import { ConfigurationError } from '@serviceledger/platform/nest';
import { loadIntakeMailConfig } from './intake-mail-config';

describe('the e-mail channel configuration', () => {
  it('has limits by default, trusts no relay and offers no login', () => {
    const config = loadIntakeMailConfig({}, false);
    expect(config).toMatchObject({
      INTAKE_SMTP_MAX_CONNECTIONS: 20,
      INTAKE_SMTP_MAX_RECIPIENTS: 10,
      INTAKE_SMTP_RATE_PER_CLIENT: 120,
      INTAKE_SMTP_RATE_PER_SENDER: 10,
    });
    expect(config.trustedAuthservIds).toEqual([]);
    expect(config.intakeAddresses).toEqual([]);
    expect(config.smtpLogin).toBeUndefined();
  });

  it('reads lists, numbers and the login from the environment', () => {
    const env = {
      INTAKE_EMAIL_ADDRESSES: 'Support@ServiceLedger.test, complaints@serviceledger.test',
      INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS: 'MX1.serviceledger.test,mx2.serviceledger.test',
      INTAKE_SMTP_AUTH_USER: 'relay',
      INTAKE_SMTP_AUTH_PASSWORD: 'correct horse battery',
      INTAKE_SMTP_TLS_CERT_FILE: '/etc/serviceledger/tls/mail.crt',
      INTAKE_SMTP_TLS_KEY_FILE: '/etc/serviceledger/tls/mail.key',
      INTAKE_SMTP_MAX_CONNECTIONS: '5',
      INTAKE_SMTP_RATE_PER_SENDER: '3',
    };
    const config = loadIntakeMailConfig(env, true);
    expect(config.intakeAddresses).toEqual(['support@serviceledger.test', 'complaints@serviceledger.test']);
    expect(config.trustedAuthservIds).toEqual(['mx1.serviceledger.test', 'mx2.serviceledger.test']);
    expect(config.smtpLogin).toEqual({ user: 'relay', password: 'correct horse battery' });
    expect(config).toMatchObject({ INTAKE_SMTP_MAX_CONNECTIONS: 5, INTAKE_SMTP_RATE_PER_SENDER: 3 });
  });

  it('stops the start with a message naming each bad variable, and never showing a password', () => {
    const load = (env: NodeJS.ProcessEnv) => () => loadIntakeMailConfig(env, false);
    expect(load({ INTAKE_SMTP_MAX_CONNECTIONS: 'many' })).toThrow(ConfigurationError);
    expect(load({ INTAKE_SMTP_MAX_CONNECTIONS: 'many' })).toThrow(/INTAKE_SMTP_MAX_CONNECTIONS="many"/);
    expect(load({ INTAKE_SMTP_MAX_RECIPIENTS: '0' })).toThrow(/INTAKE_SMTP_MAX_RECIPIENTS="0"/);
    expect(load({ INTAKE_SMTP_RATE_PER_CLIENT: '1.5' })).toThrow(/INTAKE_SMTP_RATE_PER_CLIENT="1.5"/);
    expect(load({ INTAKE_EMAIL_ADDRESSES: 'support' })).toThrow(/INTAKE_EMAIL_ADDRESSES="support": INTAKE_EMAIL_ADDRESSES must be e-mail addresses/);
    expect(load({ INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS: 'mx.example.com; dmarc=pass' })).toThrow(/INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS=/);
    expect(load({ INTAKE_SMTP_AUTH_USER: 'relay' })).toThrow(/INTAKE_SMTP_AUTH_PASSWORD=.*required with INTAKE_SMTP_AUTH_USER/);
    expect(load({ INTAKE_SMTP_AUTH_USER: 'relay', INTAKE_SMTP_AUTH_PASSWORD: 'short' })).toThrow(/INTAKE_SMTP_AUTH_PASSWORD="\*\*\*"/);
    expect(load({ INTAKE_SMTP_AUTH_USER: 'relay', INTAKE_SMTP_AUTH_PASSWORD: 'short' })).not.toThrow(/short/);
    expect(load({ INTAKE_SMTP_AUTH_PASSWORD: 'correct horse battery' })).toThrow(/INTAKE_SMTP_AUTH_USER=.*required with INTAKE_SMTP_AUTH_PASSWORD/);
  });

  it('takes a login only with a certificate to protect it, or in clear where local development says so (R-3.3)', () => {
    const login = { INTAKE_EMAIL_ADDRESSES: 'support@serviceledger.test', INTAKE_SMTP_AUTH_USER: 'relay', INTAKE_SMTP_AUTH_PASSWORD: 'correct horse battery' };
    const load = (env: NodeJS.ProcessEnv) => () => loadIntakeMailConfig(env, true);
    expect(load(login)).toThrow(/INTAKE_SMTP_AUTH_USER needs INTAKE_SMTP_TLS_CERT_FILE and INTAKE_SMTP_TLS_KEY_FILE/);
    expect(load({ ...login, INTAKE_SMTP_ALLOW_INSECURE_AUTH: 'true' })).not.toThrow();
    expect(load({ ...login, INTAKE_SMTP_ALLOW_INSECURE_AUTH: 'yes' })).toThrow(/INTAKE_SMTP_ALLOW_INSECURE_AUTH must be true or false/);
    expect(load({ ...login, INTAKE_SMTP_TLS_CERT_FILE: '/tls/mail.crt' })).toThrow(/INTAKE_SMTP_TLS_KEY_FILE is required with INTAKE_SMTP_TLS_CERT_FILE/);
    expect(load({ ...login, INTAKE_SMTP_TLS_KEY_FILE: '/tls/mail.key' })).toThrow(/INTAKE_SMTP_TLS_CERT_FILE is required with INTAKE_SMTP_TLS_KEY_FILE/);
  });

  it('requires the intake addresses when the SMTP listener is on: it takes mail for no other', () => {
    expect(() => loadIntakeMailConfig({}, true)).toThrow(/INTAKE_EMAIL_ADDRESSES is required with INTAKE_SMTP_PORT/);
  });
});
