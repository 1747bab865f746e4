/** Where the messaging runtime reports what an operator must hear of (Nest's `Logger` fits; default: the console). */
export interface MessagingLog {
  warn(message: string): void;
  error(message: string): void;
}
