import { Type, plainToInstance } from 'class-transformer';
import { IsIn, IsInt, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';
import { ConfigurationError, failedConstraints } from '@serviceledger/platform/nest';

const ADDRESS = '[^\\s@,]+@[^\\s@,]+';
const ADDRESSES = new RegExp(`^${ADDRESS}(\\s*,\\s*${ADDRESS})*$`);
const AUTHSERV_IDS = /^([^\s,;()"]+(\s*,\s*[^\s,;()"]+)*)?$/;

/**
 * What the e-mail channel reads from the environment, validated once at start-up: who may prove a
 * sender (sender-proof.ts), and the SMTP listener's addresses, login and limits.
 */
export class IntakeMailConfig {
  /**
   * The authserv-ids of the relays whose Authentication-Results intake believes (the organisation's MTA
   * in front of intake), comma-separated. Unset: no header proves a sender, only an SMTP login does.
   */
  @Matches(AUTHSERV_IDS, { message: 'INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS must be a comma-separated list of authserv-ids, e.g. mx.example.com' })
  INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS = '';

  /** The intake's own addresses, comma-separated: the only recipients the SMTP listener accepts. Required with INTAKE_SMTP_PORT. */
  @ValidateIf((c: IntakeMailConfig) => c.INTAKE_EMAIL_ADDRESSES !== '')
  @Matches(ADDRESSES, { message: 'INTAKE_EMAIL_ADDRESSES must be e-mail addresses, comma-separated, e.g. support@example.com' })
  INTAKE_EMAIL_ADDRESSES = '';

  /** A login for SMTP AUTH on the listener, given to a submitter that vouches for its senders; AUTH is off while unset. */
  @ValidateIf((c: IntakeMailConfig) => c.INTAKE_SMTP_AUTH_PASSWORD !== '')
  @Matches(/^[^\s:]+$/, { message: 'INTAKE_SMTP_AUTH_USER is required with INTAKE_SMTP_AUTH_PASSWORD: a user name without blanks or colons' })
  INTAKE_SMTP_AUTH_USER = '';

  @ValidateIf((c: IntakeMailConfig) => c.INTAKE_SMTP_AUTH_USER !== '')
  @MinLength(12, { message: 'INTAKE_SMTP_AUTH_PASSWORD is required with INTAKE_SMTP_AUTH_USER: at least 12 characters' })
  INTAKE_SMTP_AUTH_PASSWORD = '';

  /**
   * the listener's certificate (chain), a PEM file, for STARTTLS; with INTAKE_SMTP_TLS_KEY_FILE. Its own
   * pair rather than the API's TLS_* because the MTA reaches it under the mail host's name; the same files may
   * be given to both. Unset: STARTTLS is not offered.
   */
  @ValidateIf((c: IntakeMailConfig) => c.INTAKE_SMTP_TLS_KEY_FILE !== '')
  @Matches(/\S/, { message: 'INTAKE_SMTP_TLS_CERT_FILE is required with INTAKE_SMTP_TLS_KEY_FILE: the PEM file of the listener’s certificate (chain)' })
  INTAKE_SMTP_TLS_CERT_FILE = '';

  /** The private key of INTAKE_SMTP_TLS_CERT_FILE, a PEM file. */
  @ValidateIf((c: IntakeMailConfig) => c.INTAKE_SMTP_TLS_CERT_FILE !== '')
  @Matches(/\S/, { message: 'INTAKE_SMTP_TLS_KEY_FILE is required with INTAKE_SMTP_TLS_CERT_FILE: the PEM file of the certificate’s private key' })
  INTAKE_SMTP_TLS_KEY_FILE = '';

  /** Local development only: `true` takes the SMTP login in clear when there is no certificate; otherwise a login needs one. */
  @IsIn(['true', 'false'], { message: 'INTAKE_SMTP_ALLOW_INSECURE_AUTH must be true or false' })
  INTAKE_SMTP_ALLOW_INSECURE_AUTH: 'true' | 'false' = 'false';

  /** SMTP connections open at once; one more is answered 421. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(10000)
  INTAKE_SMTP_MAX_CONNECTIONS = 20;

  /** Recipients of one message; one more is answered 452. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  INTAKE_SMTP_MAX_RECIPIENTS = 10;

  /** Messages a minute from one client address; more are deferred with 451. Every mail comes through the relay, so this caps it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  INTAKE_SMTP_RATE_PER_CLIENT = 120;

  /** Messages a minute from one envelope sender; more are deferred with 451. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  INTAKE_SMTP_RATE_PER_SENDER = 10;

  get trustedAuthservIds(): string[] {
    return listOf(this.INTAKE_EMAIL_TRUSTED_AUTHSERV_IDS).map((id) => id.toLowerCase());
  }

  get intakeAddresses(): string[] {
    return listOf(this.INTAKE_EMAIL_ADDRESSES).map((address) => address.toLowerCase());
  }

  get smtpLogin(): { user: string; password: string } | undefined {
    return this.INTAKE_SMTP_AUTH_USER === '' ? undefined : { user: this.INTAKE_SMTP_AUTH_USER, password: this.INTAKE_SMTP_AUTH_PASSWORD };
  }
}

/**
 * Reads and validates the e-mail channel's configuration; the error names each bad variable and why.
 * `smtpListenerOn`: INTAKE_SMTP_PORT is set (the platform's configuration reads it).
 */
export function loadIntakeMailConfig(env: NodeJS.ProcessEnv, smtpListenerOn: boolean): IntakeMailConfig {
  const known = Object.keys(new IntakeMailConfig());
  const given = Object.fromEntries(known.filter((k) => env[k] !== undefined && env[k] !== '').map((k) => [k, env[k]?.trim()]));
  const config = plainToInstance(IntakeMailConfig, given);
  const lines = validateSync(config, { forbidUnknownValues: false }).map(
    (e) => `${e.property}=${JSON.stringify(e.property.endsWith('PASSWORD') ? '***' : env[e.property])}: ${failedConstraints(e).join('; ')}`,
  );
  if (smtpListenerOn && config.smtpLogin && config.INTAKE_SMTP_TLS_CERT_FILE === '' && config.INTAKE_SMTP_ALLOW_INSECURE_AUTH !== 'true') {
    // The login would cross the network in clear; the listener would refuse AUTH, so say so now.
    lines.push('INTAKE_SMTP_AUTH_USER needs INTAKE_SMTP_TLS_CERT_FILE and INTAKE_SMTP_TLS_KEY_FILE: a login is taken only after STARTTLS (INTAKE_SMTP_ALLOW_INSECURE_AUTH=true takes it in clear, for local development only)');
  }
  if (smtpListenerOn && config.intakeAddresses.length === 0) {
    // A listener that took mail for any address would be an open door for whatever is sent to it.
    lines.push('INTAKE_EMAIL_ADDRESSES is required with INTAKE_SMTP_PORT: the addresses the listener takes mail for, e.g. support@example.com');
  }
  if (lines.length) throw new ConfigurationError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  return config;
}

function listOf(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
