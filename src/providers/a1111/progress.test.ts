import { describe, expect, it } from 'vitest';
import idle from '../fixtures/a1111/progress-idle.json';
import running from '../fixtures/a1111/progress-running.json';
import samplers from '../fixtures/a1111/samplers.json';
import schedulers from '../fixtures/a1111/schedulers.json';
import sdModels from '../fixtures/a1111/sd-models.json';
import { buildListRequest, parseListResponse } from './lists';
import { buildInterruptRequest, buildProgressRequest, parseProgressResponse, progressInfo } from './progress';
import { a1111 } from './provider';
import { jsonResponse, textResponse } from '../shared/fake-response';

const server = { baseUrl: 'http://127.0.0.1:7860', key: 'bob:pw' };
const auth = { Authorization: `Basic ${btoa('bob:pw')}` };

describe('A1111 progress and interrupt', () => {
  it('builds the progress GET (with or without the preview) and the interrupt POST, with the login', () => {
    expect(buildProgressRequest(server)).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:7860/sdapi/v1/progress?skip_current_image=false',
      headers: auth,
      body: { type: 'none' },
    });
    expect(buildProgressRequest({ ...server, key: '' }, false)).toEqual({
      method: 'GET',
      url: 'http://127.0.0.1:7860/sdapi/v1/progress?skip_current_image=true',
      headers: {},
      body: { type: 'none' },
    });
    expect(buildInterruptRequest(server)).toEqual({ method: 'POST', url: 'http://127.0.0.1:7860/sdapi/v1/interrupt', headers: auth, body: { type: 'none' } });
  });

  it('parses a running job: fraction, ETA, steps, batch and the live preview', () => {
    expect(parseProgressResponse(jsonResponse(200, running))).toEqual({
      kind: 'progress',
      progress: {
        active: true,
        loadingModel: false,
        fraction: 0.535,
        etaSeconds: 4.21,
        step: 5,
        steps: 20,
        batch: 1,
        batches: 2,
        interrupted: false,
        preview: { type: 'base64', data: running.current_image, mime: 'image/png' },
      },
    });
  });

  it('parses an idle server (job_count 0) without ETA or preview', () => {
    expect(parseProgressResponse(jsonResponse(200, idle))).toEqual({
      kind: 'progress',
      progress: { active: false, loadingModel: false, fraction: 0, step: 0, steps: 0, batch: 0, batches: 0, interrupted: false },
    });
  });

  it('turns a refused progress call into an error', () => {
    const r = parseProgressResponse(jsonResponse(401, { detail: 'Not authenticated' }));
    expect(r.kind === 'error' && r.error).toMatchObject({ kind: 'auth', status: 401 });
    expect(parseProgressResponse(textResponse(502, 'Bad Gateway')).kind).toBe('error');
  });
});

describe('A1111 server lists as suggestions', () => {
  it('reads model titles, sampler names and scheduler labels', () => {
    expect(buildListRequest('sd-models', server)).toEqual({ method: 'GET', url: 'http://127.0.0.1:7860/sdapi/v1/sd-models', headers: auth, body: { type: 'none' } });
    expect(parseListResponse('sd-models', jsonResponse(200, sdModels))).toEqual([
      'v1-5-pruned-emaonly.safetensors [6ce0161689]',
      'dreamshaper_8.safetensors [879db523c3]',
    ]);
    expect(parseListResponse('samplers', jsonResponse(200, samplers))).toEqual(['DPM++ 2M', 'Euler a', 'Euler']);
    expect(parseListResponse('schedulers', jsonResponse(200, schedulers))).toEqual(['Automatic', 'Karras']);
  });

  it('gives nothing for a failed or odd answer (the field stays free text)', () => {
    expect(parseListResponse('samplers', jsonResponse(401, { detail: 'Not authenticated' }))).toBeUndefined();
    expect(parseListResponse('samplers', jsonResponse(200, { samplers: [] }))).toBeUndefined();
  });
});

describe('A1111 extra requests on the contract', () => {
  it('progress: fraction, ETA, step and preview while running; nothing while idle or on an error', () => {
    expect(progressInfo(jsonResponse(200, running))).toEqual({
      fraction: 0.535,
      eta: 4.21,
      preview: { type: 'base64', data: running.current_image, mime: 'image/png' },
      message: 'Step 5 of 20, batch 2 of 2',
    });
    expect(progressInfo(jsonResponse(200, idle))).toBeUndefined();
    expect(progressInfo(jsonResponse(401, { detail: 'Incorrect username or password' }))).toBeUndefined();
  });

  it('progress: job_count -1 (the server loading a checkpoint) shows "Loading model…"', () => {
    const loading = { ...idle, progress: 0.01, eta_relative: 120, state: { ...idle.state, job_count: -1, job: '' } };
    expect(parseProgressResponse(jsonResponse(200, loading))).toMatchObject({ kind: 'progress', progress: { active: true, loadingModel: true, batches: 0 } });
    expect(progressInfo(jsonResponse(200, loading))).toEqual({ fraction: 0.01, message: 'Loading model…' });
  });

  it("progress errors read the server's words from detail, message (Forge) or errors", () => {
    for (const body of [{ detail: 'busy' }, { message: 'busy' }, { error: 'RuntimeError', errors: 'busy' }]) {
      const parsed = parseProgressResponse(jsonResponse(500, body));
      expect(parsed.kind === 'error' && parsed.error.message).toContain('busy');
    }
  });

  it('the provider offers progress, interrupt and the three lists, each with the login', () => {
    const extra = a1111.extra!;
    expect(extra.progress!.build(server).url).toBe('http://127.0.0.1:7860/sdapi/v1/progress?skip_current_image=false');
    expect(extra.cancel!.build(server)).toEqual(buildInterruptRequest(server));
    expect(Object.keys(extra.lists!)).toEqual(['models', 'samplers', 'schedulers']);
    expect(extra.lists!.samplers!.build(server)).toMatchObject({ method: 'GET', url: 'http://127.0.0.1:7860/sdapi/v1/samplers', headers: auth });
    expect(extra.lists!.models!.parse(jsonResponse(200, sdModels))).toEqual(sdModels.map((m) => m.title));
    expect(extra.lists!.schedulers!.parse(jsonResponse(500, { error: 'x' }))).toEqual([]);
  });
});
