import { connect } from 'node:net';

/** An SMTP session driven a command at a time, as a client that speaks the protocol by hand. */
export interface SmtpDialogue {
  /** Sends one command line and resolves with the whole reply, every line of a multi-line one. */
  say(command: string): Promise<string>;
  close(): void;
}

/** Connects, reads the greeting, and hands over the session. */
export function smtpDialogue(port: number): Promise<SmtpDialogue> {
  const socket = connect(port, '127.0.0.1');
  let pending = '';
  let waiting: ((reply: string) => void) | undefined;
  socket.setEncoding('latin1');
  socket.on('data', (data: string) => {
    pending += data;
    // A reply ends with its last line, the one whose code is followed by a blank rather than a hyphen.
    const end = /(^|\r\n)\d{3} [^\r\n]*\r\n$/.exec(pending);
    if (!end || !waiting) return;
    const reply = pending;
    pending = '';
    const resolve = waiting;
    waiting = undefined;
    resolve(reply);
  });
  const next = () => new Promise<string>((resolve) => (waiting = resolve));
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    next().then(() =>
      resolve({
        say: (command) => {
          const reply = next();
          socket.write(`${command}\r\n`);
          return reply;
        },
        close: () => socket.destroy(),
      }),
    );
  });
}
