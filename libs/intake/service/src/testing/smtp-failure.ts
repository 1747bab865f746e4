/** The error nodemailer rejects with carries the server's reply. */
export interface SmtpFailure {
  responseCode: number;
  response: string;
}

/** The server's refusal of a sending; fails if the server accepted the message. */
export function failureOf(sending: Promise<unknown>): Promise<SmtpFailure> {
  return sending.then(
    () => Promise.reject(new Error('the server accepted the message')),
    (error: SmtpFailure) => error,
  );
}
