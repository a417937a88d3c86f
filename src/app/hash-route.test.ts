import { describe, expect, it } from 'vitest';
import { formatHash, parseHash } from './hash-route';

describe('hash routes', () => {
  it('reads the view and its parameters, and writes them back', () => {
    const r = parseHash('#/compare?c=group-1');
    expect(r.view).toBe('compare');
    expect(r.params.get('c')).toBe('group-1');
    expect(formatHash('compare', { c: 'group-1' })).toBe('#/compare?c=group-1');
    expect(formatHash('gallery', { c: undefined })).toBe('#/gallery');
  });
  it('falls back to the playground for anything else', () => {
    expect(parseHash('').view).toBe('playground');
    expect(parseHash('#/nowhere?x=1').view).toBe('playground');
    expect(parseHash('#settings').view).toBe('settings');
  });
});
