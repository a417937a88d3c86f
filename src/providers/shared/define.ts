import type { AnyObjectSchema, EndpointDef } from '../types';

/** Identity helper: types an endpoint against its own schema (params, initialValues). */
export function defineEndpoint<S extends AnyObjectSchema>(def: EndpointDef<S>): EndpointDef<S> {
  return def;
}
