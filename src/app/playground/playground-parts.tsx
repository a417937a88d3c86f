/**
 * The playground's parts that read form values: each subscribes with
 * `useWatch` to what it needs, so typing re-renders only them.
 */
import { useDeferredValue, useEffect, useMemo, useRef } from 'react';
import { useFormState, useWatch } from 'react-hook-form';
import type { Control, FieldValues } from 'react-hook-form';
import type { Route } from '../../api/route';
import { RequestPanel } from '../../features/jobs/request-panel';
import type { EndpointDef, HttpRequest, KeyLocation } from '../../providers/types';
import { createDraftSaver } from '../drafts';

import { useRequestPreview } from '../use-request-preview';

/**
 * Saves the endpoint's draft when typing pauses; flushes when the form goes. A form a link filled
 * (`holdUntilEdit`) is saved only once the user edits it or generates: opening a link leaves the
 * drafts as they were.
 */
export function DraftAutosave({ control, endpointId, holdUntilEdit }: { control: Control<FieldValues>; endpointId: string; holdUntilEdit?: boolean }) {
  const values = useWatch({ control }) as Record<string, unknown>;
  const { isDirty, isSubmitted } = useFormState({ control });
  const released = useRef(!holdUntilEdit);
  const saver = useRef(createDraftSaver());
  useEffect(() => {
    if (isDirty || isSubmitted) released.current = true;
    if (released.current) saver.current.schedule(endpointId, values);
  }, [endpointId, values, isDirty, isSubmitted]);
  useEffect(() => {
    const s = saver.current;
    addEventListener('pagehide', s.flush);
    return () => {
      removeEventListener('pagehide', s.flush);
      s.flush();
    };
  }, []);
  return null;
}

/** The request the form would send (or the one the shown job sent), with copy as code. */
export function PlaygroundRequest(props: {
  control: Control<FieldValues>;
  endpoint: EndpointDef;
  route: Route | undefined;
  sentRequest: HttpRequest | undefined;
  keyLocation: KeyLocation;
}) {
  const { control, endpoint, route, sentRequest, keyLocation } = props;
  const watched = useWatch({ control }) as Record<string, unknown>;
  // The preview may lag a key behind the field: typing stays first.
  const values = useDeferredValue(watched);
  const valuesCopy = useMemo(() => ({ ...values }), [values]);
  const preview = useRequestPreview(endpoint, valuesCopy, route);
  const shown = sentRequest ?? preview.request;
  return (
    <>
      <RequestPanel request={shown} keyLocation={keyLocation} title={sentRequest ? 'Request as sent' : 'Request preview'} />
      {preview.invalid && !sentRequest && <p className="text-xs text-zinc-500">The preview waits for valid parameters.</p>}
    </>
  );
}
