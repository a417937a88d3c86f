import { describe, expect, it } from 'vitest';
import { parseInfotext } from './infotext';

// The web UI's own pattern (modules/infotext_utils.py `re_param_code`), as the reference the
// one-pass parser must agree with; used here on short lines only (it is quadratic).
const WEBUI_PAIR = /\s*([\p{L}\p{N}_][\p{L}\p{N}_ \-/]+):\s*("(?:\\.|[^\\"])+"|[^,]*)(?:,|$)/gu;

/** The params the web UI reads from a last line: none unless it holds three pairs (empty ones count). */
function webuiParams(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  const matches = [...line.matchAll(WEBUI_PAIR)];
  if (matches.length < 3) return out;
  for (const m of matches) {
    const value = m[2] ?? '';
    if (value === '') continue;
    out[m[1] ?? ''] = value.startsWith('"') && value.endsWith('"') ? (JSON.parse(value) as string) : value.trimEnd();
  }
  return out;
}

/** A small deterministic generator, so a failure can be replayed. */
function lines(count: number): string[] {
  let state = 12345;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const alphabet = ['a', 'B', '7', '_', ' ', '-', '/', ':', ',', '"', '\\', '\t', 'é', 'x', 'y', ': ', ', '];
  return Array.from({ length: count }, () => {
    const n = 3 + (next() % 40);
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[next() % alphabet.length];
    return s;
  });
}

describe('the parameter line parser', () => {
  it("finds the same pairs as the web UI's pattern on thousands of odd lines", () => {
    const odd = [
      'Steps: 20, Sampler: Euler a, CFG scale: 7, Seed: 1, Size: 512x512',
      'Steps: 20, Prompt: "a, b: c", Lora hashes: "x: 1, y: 2", Seed: 3',
      'Bad quote: "unclosed, Steps: 4, Seed: 5, Size: 1x1',
      'Empty: "", Steps: 4, Seed: 5, Size: 1x1',
      'a: 1, bb: 2, cc: 3, d-e/f g: 4',
      '  lead:  spaced , Steps:4,Seed:5',
      'Quoted: "a \\" b", then: x, z9: "q" trailing, k2: v',
    ];
    for (const line of [...odd, ...lines(3000)]) {
      let valid = true;
      try {
        webuiParams(line);
      } catch {
        valid = false; // a quoted value the web UI's own json.loads would also refuse
      }
      if (!valid) continue;
      expect(parseInfotext(`p\n${line}`).params, line).toEqual(webuiParams(line));
    }
  });

  // Before: the pattern's backtracking made a 100 KB line take 8.9 s and a 1 MB line never finish.
  it('reads a 1 MB line without pairs, and a 1 MB key run, in one pass', () => {
    const words = 'word '.repeat(200_000);
    expect(parseInfotext(`prompt\n${words}`).prompt).toBe(`prompt\n${words.trim()}`);
    const run = `${'k'.repeat(1_000_000)} Steps: 3, Seed: 4, Size: 8x8`;
    expect(parseInfotext(run).params).toEqual({ [`${'k'.repeat(1_000_000)} Steps`]: '3', Seed: '4', Size: '8x8' });
  });
});
