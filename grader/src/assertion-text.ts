// Rewrites the sentence an assertion library writes ("expected [ 'a', …(3) ] to deeply equal
// [ …(4) ]") into the learner's terms: what the spec says it checked, then what the code gave and
// what it should have given, both in full. Lists that differ are shown side by side, with the
// first line that differs marked, so that two long lists never look the same.
//
// The spec's own words come first: `expect(pending, 'timers still pending after the abort').toBe(0)`
// fails with "timers still pending after the abort: expected 1 to be 0", which becomes
// "timers still pending after the abort: got 1, expected 0".

/** The two sides of a failed comparison, as vitest prints values (pretty-format), when it gives them. */
export interface Sides {
  readonly actual?: string;
  readonly expected?: string;
}

const MAX_INLINE = 100;
const MAX_ROWS = 20;

// "expected <value> to <verb> <value>", at the start or after the spec's description and ": ".
const SENTENCE = /(^|: )expected ([\s\S]*?) ((?:not )?to (?:not )?[a-z][\s\S]*)$/;

/** The text a learner reads for an assertion's message; other messages are returned as they are. */
export function rewriteAssertion(message: string, sides: Sides = {}): string {
  const oneOf = rewriteOneOf(message);
  if (oneOf !== undefined) return oneOf;
  const match = SENTENCE.exec(message);
  if (!match) return message;
  const description = message.slice(0, match.index);
  const [, , got, sentence] = match as unknown as [string, string, string, string];
  const claim = sentence.replace(/^not to /, 'to not ');
  const explained = explain(got, claim, sides);
  if (explained === undefined) return message;
  if (explained === '') return description || 'the check failed';
  if (explained.startsWith('\n')) return description ? `${description}:${explained}` : explained.slice(1);
  return description ? `${description}: ${explained}` : explained;
}

/** What the code gave against what it should have given; '' when the description says it all. */
function explain(got: string, claim: string, sides: Sides): string | undefined {
  const rules: [RegExp, (...parts: string[]) => string][] = [
    [/^to be an instance of (.+)$/, (type) => `got ${got}, expected an instance of ${type}`],
    [/^to have a length of (\d+) but got (\d+)$/, (want, length) => `got ${length} items, expected ${want}`],
    [/^to not (?:include|contain) ([\s\S]+)$/, (part) => `got ${got}, which should not include ${part}`],
    [/^to (?:include|contain) ([\s\S]+)$/, (part) => `got ${got}, which does not include ${part}`],
    [/^to match ([\s\S]+)$/, (pattern) => `got ${got}, which does not match ${pattern}`],
    [/^to not throw an error but ([\s\S]+) was thrown$/, (thrown) => `it threw ${thrown}`],
    [/^to throw an error$/, () => 'it did not throw'],
    [/^to throw error including ([\s\S]+) but got ([\s\S]+)$/, (want, thrown) => `it threw ${thrown}, expected an error with ${want}`],
    [/^to be (above|greater than|below|less than|at least|at most) ([\s\S]+)$/, (how, bound) => `got ${got}, expected ${comparisonWord(how)} ${bound}`],
    [/^to be (null|undefined|NaN|truthy|falsy|defined)$/, (what) => `got ${got}, expected ${what}`],
  ];
  for (const [pattern, render] of rules) {
    const parts = pattern.exec(claim);
    if (parts) return render(...parts.slice(1));
  }
  const comparison = /^to (not )?(be|equal|deeply equal|strictly equal) ([\s\S]*?)( \/\/ Object\.is equality)?$/.exec(claim);
  if (comparison) {
    const [, not, , want] = comparison as unknown as [string, string | undefined, string, string];
    const actual = sides.actual ?? got;
    const expected = sides.expected ?? want;
    if (not) return `got ${compact(actual)}, expected anything else`;
    // "expected false to be true": the description is the whole story.
    if (/^(true|false)$/.test(actual) && /^(true|false)$/.test(expected)) return '';
    return sideBySide(actual, expected);
  }
  return undefined;
}

function comparisonWord(how: string): string {
  return { above: 'more than', 'greater than': 'more than', below: 'less than', 'less than': 'less than', 'at least': 'at least', 'at most': 'at most' }[how]!;
}

/** vitest's toBeOneOf writes its own multi-line text: "Expected value to be one of: … Received: …". */
function rewriteOneOf(message: string): string | undefined {
  const match = /^(?:([\s\S]*?): )?expect\(received\)\.toBeOneOf\(\)\s*Expected value to be one of:\s*([\s\S]*?)\s*Received:\s*([\s\S]*)$/.exec(message);
  if (!match) return undefined;
  const [, description, options, received] = match as unknown as [string, string | undefined, string, string];
  const choices = items(compact(options.replace(/^Array /, '')));
  const text = `got ${compact(received)}, expected ${choices ? choices.join(' or ') : compact(options)}`;
  return description ? `${description}: ${text}` : text;
}

/** Short sides on one line; lists (or long values) as two columns, the first difference marked. */
function sideBySide(actual: string, expected: string): string {
  const got = compact(actual);
  const want = compact(expected);
  const gotItems = items(got);
  const wantItems = items(want);
  const short = got.length <= MAX_INLINE && want.length <= MAX_INLINE;
  // Two lists of a few lines read best in columns, where a line out of place stands out.
  if (!gotItems || !wantItems || (short && Math.max(gotItems.length, wantItems.length) <= 3)) {
    if (got.length <= MAX_INLINE && want.length <= MAX_INLINE) return `got ${got}, expected ${want}`;
    return `\n  got:      ${got}\n  expected: ${want}`;
  }
  const rows = Math.max(gotItems.length, wantItems.length);
  const first = Array.from({ length: rows }, (_, i) => gotItems[i] !== wantItems[i]).indexOf(true);
  const width = Math.min(Math.max(...gotItems.map((item) => item.length), 3), 48);
  const lines = [`the lists differ first at line ${first + 1} (got ${gotItems.length} lines, expected ${wantItems.length}):`, `        ${'got'.padEnd(width)}  expected`];
  for (let i = 0; i < Math.min(rows, MAX_ROWS); i++) {
    const mark = gotItems[i] === wantItems[i] ? ' ' : '✘';
    lines.push(`  ${mark} ${String(i + 1).padStart(2)}  ${(gotItems[i] ?? '—').padEnd(width)}  ${wantItems[i] ?? '—'}`);
  }
  if (rows > MAX_ROWS) lines.push(`  … ${rows - MAX_ROWS} more lines`);
  return `\n${lines.join('\n')}`;
}

/** pretty-format's multi-line value on one line: `[\n  "a",\n  1,\n]` → `["a", 1]`. */
export function compact(value: string): string {
  return value
    .replace(/,(\s*[\]}])/g, '$1')
    .replace(/([[{])\s+/g, '$1')
    .replace(/\s+([\]}])/g, '$1')
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^(Array|Object) /, '');
}

/** The top-level items of a compact list, or undefined when it is not a list. */
function items(list: string): string[] | undefined {
  if (!list.startsWith('[') || !list.endsWith(']')) return undefined;
  const body = list.slice(1, -1);
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (quote) {
      if (char === '\\') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if ('[{('.includes(char)) depth++;
    else if (']})'.includes(char)) depth--;
    else if (char === ',' && depth === 0) {
      out.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (body.trim() !== '') out.push(body.slice(start).trim());
  return out;
}
