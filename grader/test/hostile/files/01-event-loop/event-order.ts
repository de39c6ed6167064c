// Hostile: reads the hidden spec to show it in a failure message, and rewrites it. The file
// system is reached with an import of a computed name, which the import check refuses; the
// permission model holds when the import check is off.
const fs = (await import(['node', 'fs'].join(':'))) as typeof import('node:fs');
const spec = `${process.cwd()}/grader/specs/01-event-loop/sleep.spec.ts`;
let source = '';
try {
  source = fs.readFileSync(spec, 'utf8');
} catch (error) {
  source = `could not read the spec: ${(error as Error).message}`;
}
try {
  fs.writeFileSync(spec, 'export {};\n');
} catch {
  // Denied.
}

const leak = (): Promise<void> => {
  throw new Error(source);
};
export const programA = leak;
export const programB = leak;
export const programC = leak;
export const programD = leak;
export const predictionA = [source];
export const predictionB = [source];
export const predictionC = [source];
export const predictionD = [source];
