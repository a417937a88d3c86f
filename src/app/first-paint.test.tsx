/**
 * The first paint is derived, not written: its data is the build-time snapshot of the registry
 * (vitest defines `__FIRST_PAINT__` as the build does), and it draws the same controls, with the
 * same ids, names and starting values, as the real generated form.
 */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { EndpointOptions } from '../components/ui/endpoint-options';
import { GeneratedForm } from '../features/params/generated-form';
import { describeSchema } from '../providers/fields/describe';
import type { FieldDescriptor } from '../providers/fields/describe';
import { DEFAULT_ENDPOINT_ID, getEndpoint, providers } from '../providers/registry';
import { canPaintFirst, FirstPaintPlayground } from './first-paint';

/** Every form control's tag, id and value as rendered, in document order. */
function controls(html: string): string[] {
  return [...html.matchAll(/<(input|textarea|select)\b[^>]*?\bid="([^"]+)"[^>]*>/g)].map((m) => {
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '';
    const checked = /\bchecked=""/.test(m[0]) ? ' checked' : '';
    return `${m[1]}#${m[2]}=${value}${checked}`;
  });
}

const firstPaint = () => renderToStaticMarkup(<FirstPaintPlayground onOpenSettings={() => undefined} onWake={() => undefined} />);

describe('the playground first paint', () => {
  it('is the registry and the schemas, as of this build', () => {
    // Checked against the registry and the schemas read here, not against the function that made it.
    const endpoint = getEndpoint(DEFAULT_ENDPOINT_ID)!;
    const fields = describeSchema(endpoint.schema);
    expect(__FIRST_PAINT__).toMatchObject({ endpointId: endpoint.id, providerId: endpoint.provider, description: endpoint.description, path: endpoint.path });
    const shape = (f: FieldDescriptor) => [f.name, f.kind, f.required, f.defaultValue, f.min, f.max, f.options];
    expect(__FIRST_PAINT__.fields.map(shape)).toEqual(fields.map(shape));
    expect(__FIRST_PAINT__.initialValues).toMatchObject(endpoint.initialValues ?? {});
    expect(__FIRST_PAINT__.groups.flatMap((g) => g.endpoints.map((e) => e.id))).toEqual(providers.flatMap((p) => p.endpoints.map((e) => e.id)));
    expect(__FIRST_PAINT__.groups.map((g) => g.label)).toEqual(providers.map((p) => p.name));
    // A change to a field's description reaches the first paint too (nothing is written by hand).
    expect(__FIRST_PAINT__.fields.map((f) => f.description)).toEqual(fields.map((f) => f.description));
  });

  it('can draw the default endpoint on its own (no image field, no configuration error)', () => {
    expect(canPaintFirst(DEFAULT_ENDPOINT_ID)).toBe(true);
    expect(canPaintFirst('segmind/sd1.5-dreamshaper')).toBe(false);
  });

  it('lists every endpoint as the real endpoint select does', () => {
    const options = (html: string) => [...html.matchAll(/<(optgroup|option)\b[^>]*>/g)].map((m) => m[0]);
    const real = renderToStaticMarkup(
      <select>
        <EndpointOptions />
      </select>,
    );
    const endpointSelect = /<select id="endpoint-select"[\s\S]*?<\/select>/.exec(firstPaint())?.[0] ?? '';
    expect(options(endpointSelect).length).toBeGreaterThan(3);
    expect(options(endpointSelect).map((o) => o.replace(' selected=""', ''))).toEqual(options(real));
  });

  it('draws the controls of the real form: same ids, same starting values, same form name', () => {
    const endpoint = getEndpoint(DEFAULT_ENDPOINT_ID)!;
    const real = renderToStaticMarkup(
      <QueryClientProvider client={new QueryClient()}>
        <GeneratedForm formId="playground-form" endpoint={endpoint} onSubmit={() => undefined} />
      </QueryClientProvider>,
    );
    const painted = firstPaint();
    const formControls = (html: string) => controls(html).filter((c) => c.includes('#playground-form-'));
    expect(formControls(painted).length).toBeGreaterThan(3);
    expect(formControls(painted)).toEqual(formControls(real));
    expect(painted).toContain(`aria-label="${__FIRST_PAINT__.formLabel}"`);
    expect(real).toContain(`aria-label="${__FIRST_PAINT__.formLabel}"`);
  });
});
