import type { AnyObjectSchema, EndpointDef } from '../types';
import { buildFromSchema } from './request';
import type { BuildFromSchemaArgs, WireFormat } from './request';

export type EndpointInput<S extends AnyObjectSchema> = Omit<EndpointDef<S>, 'buildRequest'> & {
  /** How the body is sent and where the key goes; the fields, their order and encodings come from the schema. */
  wire: WireFormat;
  adjust?: BuildFromSchemaArgs['adjust'];
};

/**
 * Types an endpoint against its own schema and gives it the one request
 * builder: POST {base}{path}, the schema's fields in the schema's order.
 */
export function defineEndpoint<S extends AnyObjectSchema>(def: EndpointInput<S>): EndpointDef<S> {
  const { wire, adjust, ...rest } = def;
  return {
    ...rest,
    buildRequest: ({ params, key, baseUrl }) =>
      buildFromSchema({ schema: def.schema, path: def.path, format: wire, params: params as Record<string, unknown>, key, baseUrl, adjust }),
  };
}
