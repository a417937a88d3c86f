import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { HttpRequest } from '../providers/types';
import { shellQuote, toCurl, toFetch } from './snippets';

const multipart: HttpRequest = {
  method: 'POST',
  url: 'https://endpoint.example.com/api/generate_image',
  headers: {},
  body: { type: 'multipart', fields: [['dev_key', '<YOUR_API_KEY>'], ['prompt', 'a "shoe" it\'s red'], ['negative_prompt', '']] },
};

describe('toCurl', () => {
  it('writes one --form per multipart field, like the DreamRender document', () => {
    expect(toCurl(multipart)).toBe(
      [
        "curl --location 'https://endpoint.example.com/api/generate_image'",
        `--form 'dev_key="<YOUR_API_KEY>"'`,
        `--form 'prompt="a \\"shoe\\" it'"'"'s red"'`,
        `--form 'negative_prompt=""'`,
      ].join(' \\\n'),
    );
  });

  it('writes headers and a JSON body', () => {
    const curl = toCurl({
      method: 'POST',
      url: 'https://api.segmind.com/v1/sd1.5-dreamshaper',
      headers: { 'x-api-key': 'K', 'Content-Type': 'application/json' },
      body: { type: 'json', value: { prompt: 'cat', samples: 1 } },
    });
    expect(curl).toContain("--header 'x-api-key: K'");
    expect(curl).toContain(`--data-raw '{\n  "prompt": "cat",\n  "samples": 1\n}'`);
  });

  it('quotes so that a shell gives back the exact string', () => {
    const tricky = `it's "$HOME" \`x\` \\ done`;
    expect(execFileSync('sh', ['-c', `printf %s ${shellQuote(tricky)}`], { encoding: 'utf8' })).toBe(tricky);
  });
});

describe('toFetch', () => {
  it('builds a FormData for multipart and evaluates as JavaScript', () => {
    const code = toFetch(multipart);
    expect(code).toContain('form.append("dev_key", "<YOUR_API_KEY>");');
    expect(code).toContain('form.append("prompt", "a \\"shoe\\" it\'s red");');
    expect(() => new Function(`return async () => {${code}}`)).not.toThrow();
  });
  it('builds a JSON body', () => {
    const code = toFetch({ method: 'POST', url: 'https://x.example/a', headers: { 'Content-Type': 'application/json' }, body: { type: 'json', value: { key: 'k', n: 2 } } });
    expect(code).toContain('body: JSON.stringify({');
    expect(code).toContain('"n": 2');
    expect(() => new Function(`return async () => {${code}}`)).not.toThrow();
  });
});
