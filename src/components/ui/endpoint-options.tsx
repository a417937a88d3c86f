import { useSyncExternalStore } from 'react';
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
              {p.name} · {ep.name} ({ep.title})
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
