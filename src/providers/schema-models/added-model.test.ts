import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../types';
import { createRegistry } from '../registry';
import { replicate } from '../replicate/provider';
import { fal } from '../fal/provider';
import { addedEndpoint, addedModelSchema, endpointIdOf, lookupRequest, readLookup, readModelName, refreshed } from './added-model';
import type { AddedModel } from './added-model';
import { describeSchema } from '../fields/describe';
import fluxDev from '../fixtures/replicate/flux-dev.model.json';
import fluxDevV2 from '../fixtures/replicate/flux-dev-v2.model.json';
import falDev from '../fixtures/fal/flux-dev.openapi.json';

const res = (status: number, body: unknown): HttpResponse => ({ status, headers: { 'content-type': 'application/json' }, body: new TextEncoder().encode(JSON.stringify(body)) });
const conn = { key: 'r8_k', baseUrl: 'https://api.replicate.com', schemaBaseUrl: 'https://fal.ai' };

function added(ref: Parameters<typeof readLookup>[0], body: unknown, now = 1000): AddedModel {
  const out = readLookup(ref, res(200, body), now);
  if (!('model' in out)) throw new Error(out.problem);
  return out.model;
}

describe('a model added by name', () => {
  it('reads what the user typed, or says what is wrong', () => {
    expect(readModelName('replicate', ' black-forest-labs/flux-dev ')).toEqual({ provider: 'replicate', name: 'black-forest-labs/flux-dev' });
    expect(readModelName('replicate', `a/b:${'c'.repeat(64)}`)).toMatchObject({ version: 'c'.repeat(64) });
    expect(readModelName('replicate', 'flux-dev')).toHaveProperty('problem');
    expect(readModelName('fal', 'fal-ai/flux/dev')).toEqual({ provider: 'fal', name: 'fal-ai/flux/dev' });
    expect(readModelName('fal', 'https://fal.ai/models/x')).toHaveProperty('problem');
  });

  it('looks Replicate’s model up with the key, fal’s schema without one', () => {
    const r = lookupRequest({ provider: 'replicate', name: 'black-forest-labs/flux-dev' }, conn);
    expect(r).toMatchObject({ method: 'GET', url: 'https://api.replicate.com/v1/models/black-forest-labs/flux-dev', headers: { Authorization: 'Bearer r8_k' } });
    const f = lookupRequest({ provider: 'fal', name: 'fal-ai/flux/dev' }, conn);
    expect(f.url).toBe('https://fal.ai/api/openapi/queue/openapi.json?endpoint_id=fal-ai%2Fflux%2Fdev');
    expect(JSON.stringify(f.headers)).not.toContain('r8_k');
  });

  it('a Replicate model becomes an endpoint with its fields in x-order and its limits, run by its version', () => {
    const m = added({ provider: 'replicate', name: 'black-forest-labs/flux-dev' }, fluxDev);
    expect(m.version).toBe(fluxDev.latest_version.id);
    expect(addedModelSchema.safeParse(m).success).toBe(true);
    const e = addedEndpoint(m);
    expect(e).toMatchObject({ id: 'replicate/black-forest-labs/flux-dev', kind: 'txt2img', schemaVersion: m.version, path: '/v1/predictions' });
    const fields = describeSchema(e.schema);
    expect(fields.map((f) => f.name).slice(0, 4)).toEqual(['prompt', 'aspect_ratio', 'num_outputs', 'seed']);
    expect(fields.find((f) => f.name === 'num_inference_steps')).toMatchObject({ min: 1, max: 50 });
    const req = e.buildRequest({ params: e.schema.parse({ prompt: 'a fox', seed: 1 }), key: 'k', baseUrl: 'https://api.replicate.com' });
    expect(req.body.type === 'json' && req.body.value.version).toBe(m.version);
  });

  it('a fal model becomes an endpoint in x-fal-order-properties, its version a digest of the document', () => {
    const m = added({ provider: 'fal', name: 'fal-ai/flux/dev' }, falDev);
    expect(m.version).toMatch(/^fnv1a-[0-9a-f]{8}$/);
    expect(added({ provider: 'fal', name: 'fal-ai/flux/dev' }, JSON.parse(JSON.stringify(falDev))).version).toBe(m.version);
    const e = addedEndpoint(m);
    expect(describeSchema(e.schema).map((f) => f.name).slice(0, 4)).toEqual(['prompt', 'image_size', 'num_inference_steps', 'seed']);
  });

  it('says in plain words why a model cannot be added', () => {
    const rep = { provider: 'replicate', name: 'nobody/nothing' } as const;
    const notFound = readLookup(rep, res(404, { detail: 'Not found.', status: 404 }), 0);
    expect(notFound).toEqual({ problem: expect.stringMatching(/^Replicate has no model nobody\/nothing \(404 Not found\)/) });
    expect(readLookup(rep, res(401, { title: 'Unauthenticated', detail: 'You did not pass a valid authentication token', status: 401 }), 0)).toEqual({ problem: expect.stringMatching(/refused the key \(401\).*Settings/) });
    const noInput = { ...fluxDev, latest_version: { ...fluxDev.latest_version, openapi_schema: { components: { schemas: {} } } } };
    expect(readLookup(rep, res(200, noInput), 0)).toEqual({ problem: expect.stringMatching(/cannot be read: .*no Input.*not added/) });
    const falRef = { provider: 'fal', name: 'fal-ai/nothing' } as const;
    expect(readLookup(falRef, res(404, { detail: "Endpoint 'fal-ai/nothing' not found" }), 0)).toEqual({ problem: expect.stringMatching(/^fal has no model fal-ai\/nothing \(404/) });
    expect(readLookup(falRef, res(200, { openapi: '3.0.0', paths: {} }), 0)).toEqual({ problem: expect.stringMatching(/cannot be read/) });
    expect(readLookup(falRef, { status: 200, headers: {}, body: new TextEncoder().encode('<html>') }, 0)).toEqual({ problem: expect.stringMatching(/not a JSON document/) });
  });

  it('a refresh keeps the earlier version and its document; the same version only updates the time', () => {
    const ref = { provider: 'replicate', name: 'black-forest-labs/flux-dev' } as const;
    const v1 = added(ref, fluxDev, 1);
    const same = refreshed(v1, added(ref, fluxDev, 2), 2);
    expect(same).toMatchObject({ version: v1.version, fetchedAt: 2, past: [] });
    const v2 = refreshed(v1, added(ref, fluxDevV2, 3), 3);
    expect(v2.version).toBe(fluxDevV2.latest_version.id);
    expect(v2.past).toEqual([{ version: v1.version, replacedAt: 3, doc: v1.doc }]);
    expect(describeSchema(addedEndpoint(v2).schema).find((f) => f.name === 'guidance')).toMatchObject({ max: 5 });
  });
});

describe('the registry with added endpoints', () => {
  it('lists added endpoints after the provider’s own, replaces one of the same id, and tells subscribers', () => {
    const reg = createRegistry([{ ...replicate, endpoints: [...replicate.endpoints] }, { ...fal, endpoints: [...fal.endpoints] }]);
    let calls = 0;
    reg.subscribe(() => calls++);
    const dev = addedEndpoint(added({ provider: 'replicate', name: 'black-forest-labs/flux-dev' }, fluxDev));
    const before = reg.revision();
    reg.setAddedEndpoints('replicate', [dev]);
    expect(reg.getEndpoint(dev.id)).toBe(dev);
    expect(reg.getProvider('replicate')!.endpoints.at(-1)).toBe(dev);
    expect(reg.endpointsOfKind('txt2img').map((e) => e.id)).toContain(dev.id);
    expect(reg.revision()).not.toBe(before);
    expect(calls).toBe(1);
    const count = reg.getProvider('replicate')!.endpoints.length;
    reg.setAddedEndpoints('replicate', []);
    expect(reg.getEndpoint(dev.id)).toBeUndefined();
    expect(reg.getProvider('replicate')!.endpoints.length).toBe(count - 1);
    expect(endpointIdOf({ provider: 'fal', name: 'fal-ai/flux/dev' })).toBe('fal/fal-ai/flux/dev');
  });
});
