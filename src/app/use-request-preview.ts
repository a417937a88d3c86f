import { useMemo } from 'react';
import type { Route } from '../api/route';
import { describeSchema } from '../providers/fields/describe';
import { normalizeValues } from '../providers/fields/form-values';
import type { EndpointDef, HttpRequest } from '../providers/types';

/**
 * The request the current form values would send (seeds still as typed: a
 * random seed is drawn only when the request really leaves). Undefined while
 * the values are invalid.
 */
export function useRequestPreview(endpoint: EndpointDef, values: Record<string, unknown> | undefined, route: Route | undefined) {
  const fields = useMemo(() => describeSchema(endpoint.schema), [endpoint]);
  return useMemo((): { request?: HttpRequest; invalid?: boolean } => {
    if (!values || !route) return {};
    const parsed = endpoint.schema.safeParse(normalizeValues(endpoint.schema, fields, values));
    if (!parsed.success) return { invalid: true };
    try {
      return { request: endpoint.buildRequest({ params: parsed.data, key: route.key, baseUrl: route.baseUrl }) };
    } catch {
      return { invalid: true };
    }
  }, [endpoint, fields, values, route]);
}
