// Glyphs, colours and small text helpers shared by everything the grader prints.
// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
import { styleText } from 'node:util';

type Style = Parameters<typeof styleText>[0];

const useColour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.FORCE_COLOR !== '0';

function paint(style: Style, text: string): string {
  return useColour ? styleText(style, text) : text;
}

export const colour = {
  green: (text: string) => paint('green', text),
  yellow: (text: string) => paint('yellow', text),
  red: (text: string) => paint('red', text),
  dim: (text: string) => paint('dim', text),
  bold: (text: string) => paint('bold', text),
  cyan: (text: string) => paint('cyan', text),
};

export const glyph = {
  pass: '✔',
  fail: '✘',
  partial: '◐',
  todo: '○',
  error: '!',
};

export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}

export function percent(points: number, maxPoints: number): number {
  return maxPoints === 0 ? 0 : Math.floor((100 * points) / maxPoints);
}

export function progressBar(fraction: number, width = 30): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}]`;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** Pads to a width measured in characters, for table columns. */
export function pad(text: string, width: number): string {
  const length = [...text].length;
  return length >= width ? text : text + ' '.repeat(width - length);
}

export function indent(text: string, spaces: number): string {
  const prefix = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}
