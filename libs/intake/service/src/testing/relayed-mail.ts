/** The intake address the test apps take mail for. */
export const SUPPORT = 'support@serviceledger.test';

/** The authserv-id of the organisation's MTA in front of intake, as the test apps trust it. */
export const TRUSTED_RELAY = 'mx.serviceledger.test';

/**
 * The Authentication-Results value the trusted relay adds to a mail it found sent by its From domain:
 * what a proven mail carries.
 */
export function relayVerdict(address: string, by: string = TRUSTED_RELAY): string {
  const domain = address.slice(address.lastIndexOf('@') + 1);
  return `${by}; spf=pass smtp.mailfrom=${address}; dkim=pass header.d=${domain}; dmarc=pass header.from=${domain}`;
}

/** The header line of {@link relayVerdict}, for a raw message. */
export function relayVerdictHeader(address: string, by?: string): string {
  return `Authentication-Results: ${relayVerdict(address, by)}`;
}

/**
 * Sets the e-mail channel's variables (INTAKE_EMAIL_*, INTAKE_SMTP_* but the port, which the test app's
 * env carries) in this test file's environment, where the intake module reads them as it starts;
 * returns what puts the environment back.
 */
export function useMailEnvironment(variables: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}
