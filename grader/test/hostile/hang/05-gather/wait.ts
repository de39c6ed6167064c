// Hostile: loops forever as soon as it is imported.
while (Date.now() > 0) {
  // Forever.
}

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
export function wait(): Promise<never> {
  throw new Error('not implemented yet');
}
