/**
 * What the playground's first paint shows before the providers (and zod) load: the endpoint
 * list and the default endpoint's field descriptors, derived from the registry and the schemas
 * at build time (vite.config.ts injects it as `__FIRST_PAINT__`). The schemas stay the single
 * source of truth: nothing here is written by hand, and the first page loads no zod.
 */
import { describeSchema, initialFormValues } from './fields/describe';
import type { FieldDescriptor } from './fields/describe';
import type { Registry } from './registry';

export interface FirstPaintSnapshot {
  /** The endpoint whose form is painted first (the registry's default). */
  endpointId: string;
  providerId: string;
  /** The form's accessible name, as the generated form gives it. */
  formLabel: string;
  description: string;
  path: string;
  fields: FieldDescriptor[];
  /** Schema defaults, then the endpoint's own initial values. */
  initialValues: Record<string, unknown>;
  /** The endpoint <select>'s options, grouped by provider, labelled as `EndpointOptions` labels them. */
  groups: Array<{ label: string; endpoints: Array<{ id: string; label: string }> }>;
}

/** The snapshot for `registry`'s `defaultEndpointId`, as plain JSON data. */
export function firstPaintSnapshot(registry: Pick<Registry, 'providers' | 'getEndpoint'>, defaultEndpointId: string): FirstPaintSnapshot {
  const endpoint = registry.getEndpoint(defaultEndpointId);
  if (!endpoint) throw new Error(`first paint: no endpoint ${defaultEndpointId}`);
  const fields = describeSchema(endpoint.schema);
  const snapshot: FirstPaintSnapshot = {
    endpointId: endpoint.id,
    providerId: endpoint.provider,
    formLabel: `${endpoint.provider} ${endpoint.name} parameters`,
    description: endpoint.description,
    path: endpoint.path,
    fields,
    initialValues: initialFormValues(fields, (endpoint.initialValues ?? {}) as Record<string, unknown>),
    groups: registry.providers.map((p) => ({
      label: p.name,
      endpoints: p.endpoints.map((ep) => ({ id: ep.id, label: endpointOptionLabel(p.name, ep) })),
    })),
  };
  // Plain data only: what JSON keeps is what the first paint gets.
  return JSON.parse(JSON.stringify(snapshot)) as FirstPaintSnapshot;
}

/** An endpoint's line in an endpoint select: `ModelsLab · text2img (Text to image)`; the title left out when it is the name (an added model). */
export function endpointOptionLabel(providerName: string, ep: { name: string; title: string }): string {
  return `${providerName} · ${ep.name}${ep.title !== ep.name ? ` (${ep.title})` : ''}`;
}
