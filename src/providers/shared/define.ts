import type { AnyObjectSchema, EndpointDef, HttpResponse, ProviderResult } from '../types';
import { buildFromSchema } from './request';
import type { BuildFromSchemaArgs, WireFormat } from './request';

export type EndpointInput<S extends AnyObjectSchema> = Omit<EndpointDef<S>, 'buildRequest' | 'id'> & {
  /** How the body is sent and where the key goes; the fields, their order and encodings come from the schema. */
  wire: WireFormat;
  adjust?: BuildFromSchemaArgs['adjust'];
};

/**
 * Types an endpoint against its own schema and gives it the one request
 * builder: POST {base}{path}, the schema's fields in the schema's order.
 * Its id is derived: `<provider>/<name>`.
 */
export function defineEndpoint<S extends AnyObjectSchema>(def: EndpointInput<S>): EndpointDef<S> {
  const { wire, adjust, ...rest } = def;
  return {
    id: `${def.provider}/${def.name}`,
    ...rest,
    buildRequest: ({ params, key, baseUrl }) =>
      buildFromSchema({ schema: def.schema, path: def.path, format: wire, params: params as Record<string, unknown>, key, baseUrl, adjust }),
  };
}

/** What every endpoint of a provider shares: said once, in the provider's module. */
export interface ProviderDefaults {
  provider: string;
  wire: WireFormat;
  parseResponse(res: HttpResponse): ProviderResult;
  adjust?: BuildFromSchemaArgs['adjust'];
}

export type EndpointOf<S extends AnyObjectSchema> = Omit<EndpointInput<S>, keyof ProviderDefaults> & Partial<Omit<ProviderDefaults, 'provider'>>;

/**
 * `defineEndpoint` with a provider's shared parts filled in (its id, wire format,
 * response parser, body adjustment); an endpoint may still set its own.
 */
export function endpointsOf(defaults: ProviderDefaults) {
  return <S extends AnyObjectSchema>(def: EndpointOf<S>): EndpointDef<S> => defineEndpoint<S>({ ...defaults, ...def } as EndpointInput<S>);
}
