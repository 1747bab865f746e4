/**
 * The message can never become a demand, however often it is delivered: the sender gets the
 * reason back (SMTP 550, HTTP 400) and nothing is appended.
 */
export class MalformedEmailError extends Error {
  constructor(readonly reason: string) {
    super(`Malformed e-mail: ${reason}`);
    this.name = 'MalformedEmailError';
  }
}
