/** Prints a bearer token for the embedded default: `npm run -s token -- --user alice --roles agent --departments tech-support`. */
import { tokenCommand } from '../libs/platform/auth/src/token-command';

tokenCommand(process.argv.slice(2), process.env).then(
  (token) => process.stdout.write(`${token}\n`),
  (error: Error) => {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 1;
  },
);
