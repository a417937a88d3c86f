import { useSyncExternalStore } from 'react';
import { endpointOptionLabel } from '../../providers/first-paint-snapshot';
import { endpointsRevision, providers, subscribeEndpoints } from '../../providers/registry';

/** Every endpoint as <option>s grouped by provider, for an endpoint <select>; added models included as they come. */
export function EndpointOptions() {
  useSyncExternalStore(subscribeEndpoints, endpointsRevision, endpointsRevision);
  return (
    <>
      {providers.map((p) => (
        <optgroup key={p.id} label={p.name}>
          {p.endpoints.map((ep) => (
            <option key={ep.id} value={ep.id}>
              {endpointOptionLabel(p.name, ep)}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
