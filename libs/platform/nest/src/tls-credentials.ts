import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { ConfigurationError } from './platform-config';

/** A certificate (chain) and its private key, PEM, as a TLS server takes them. */
export interface TlsCredentials {
  cert: Buffer;
  key: Buffer;
}

/**
 * The pair of PEM files named by two variables of a configuration; undefined while the certificate's is
 * unset (the configuration's validation requires both or neither). Read once at start-up: a file that
 * cannot be read, or a key that is not the certificate's, stops the start naming the variables.
 */
export function tlsCredentialsOf<K extends string>(config: Record<K, string>, certVariable: K, keyVariable: K): TlsCredentials | undefined {
  if (config[certVariable] === '') return undefined;
  const read = (variable: K) => {
    try {
      return readFileSync(config[variable]);
    } catch (error) {
      throw new ConfigurationError(`Invalid configuration:\n  ${variable}=${JSON.stringify(config[variable])}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  };
  const credentials = { cert: read(certVariable), key: read(keyVariable) };
  try {
    createSecureContext(credentials);
  } catch (error) {
    throw new ConfigurationError(`Invalid configuration:\n  ${certVariable}, ${keyVariable}: not a PEM certificate and its private key (${(error as Error).message})`);
  }
  return credentials;
}
