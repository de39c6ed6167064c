// The anchors GitHub gives a Markdown file's headings, so that the grader can link a learner to
// the part of a lesson that helps (`lessons/06-timeouts.md#leave-nothing-behind-timers-and-listeners`)
// and the course's tests can check that every such link still leads somewhere.
import { readFileSync } from 'node:fs';

/**
 * A heading's anchor as GitHub makes it: lower case, punctuation dropped (letters, digits, `-`
 * and `_` stay), each space a `-`. `` ## `AbortController` and `AbortSignal` `` → `abortcontroller-and-abortsignal`.
 */
export function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

export interface Heading {
  readonly text: string;
  readonly anchor: string;
}

/** The anchor of every heading of a Markdown file, in order; repeated headings get GitHub's `-1`, `-2`. */
export function anchorsOf(markdownFile: string): string[] {
  return headingsOf(markdownFile).map((heading) => heading.anchor);
}

export function headingsOf(markdownFile: string): Heading[] {
  const seen = new Map<string, number>();
  const headings: Heading[] = [];
  let fence: string | undefined;
  for (const line of readFileSync(markdownFile, 'utf8').split('\n')) {
    const fenceMark = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (fenceMark && (fence === undefined || fenceMark.startsWith(fence))) {
      fence = fence === undefined ? fenceMark : undefined;
      continue;
    }
    const heading = fence === undefined ? /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1] : undefined;
    if (heading === undefined) continue;
    const base = anchorOf(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    headings.push({ text: heading, anchor: count === 0 ? base : `${base}-${count}` });
  }
  return headings;
}

// `npx tsx grader/src/anchors.ts lessons/06-timeouts.md` lists a lesson's headings with their anchors.
if (import.meta.filename === process.argv[1]) {
  for (const file of process.argv.slice(2)) for (const { text, anchor } of headingsOf(file)) console.log(`${anchor}  ${text}`);
}
