/**
 * Terminal escape sequences: CSI (`ESC [ 3 1 m`), OSC (`ESC ] … BEL`) and the two-character ones, removed
 * whole, so that no residue such as "[31m" is left behind.
 */
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-_]/g;
/** Line and paragraph breaks and tabs: a text kept to one line reads on with a space. */
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/**
 * What is left of the C0 and C1 controls (NUL among them) and DEL, and the bidirectional overrides and
 * isolates that make a name read other than it is (`invoice\u202Efdp.exe` shows as "invoiceexe.pdf").
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A text that is shown on one line (a subject, a file name) as it may be recorded: control characters
 * stripped, line breaks and tabs turned into a space, trimmed. A CR or LF kept in it would forge lines
 * in a log, a header or an export; an escape code would rewrite the terminal that prints it.
 */
export function singleLineText(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(BREAKS, ' ').replace(CONTROLS, '').trim();
}
