// A failure the user can fix: printed as one message with the command to run next, exit code 2.
// Anything else that escapes a command is a fault of the grader and is reported as such.
export class UsageError extends Error {
  override name = 'UsageError';
}
