// Hostile: floods stdout and stderr, at import and in every test.
const line = `${'flood '.repeat(1000)}\n`;
for (let i = 0; i < 2000; i++) {
  process.stdout.write(line);
  console.error(line);
}

export class Future {
  constructor() {
    for (let i = 0; i < 200; i++) console.log(line);
    throw new Error('not implemented yet');
  }
}
export class InvalidStateError extends Error {}
export class CancelledError extends Error {}
