/**
 * Share links: a link's setup fills the form once (nothing is sent); "Copy link" writes the form's
 * setup into one.
 */
import { useEffect, useEffectEvent, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import type { SharedSetup } from '../../features/params/share-link';
import { MAX_BATCH } from './batch-settings';
import type { BatchSettings } from './batch-settings';

export function useShareSetup(opts: {
  setup: string | undefined;
  endpointId: string;
  form: UseFormReturn<FieldValues> | undefined;
  switchEndpoint(id: string, start?: Record<string, unknown>, opts?: { fromLink?: boolean }): void;
  batch: BatchSettings;
  setBatch(b: BatchSettings): void;
}) {
  const { setup, endpointId, form, switchEndpoint } = opts;
  const [note, setNote] = useState<string>();
  // What a link's setup does, with the form's current switchEndpoint and setBatch when it is read.
  const apply = useEffectEvent((shared: SharedSetup, notice: string) => {
    switchEndpoint(shared.endpoint, shared.params, { fromLink: true });
    if (shared.batch) opts.setBatch({ count: Math.min(shared.batch.count, MAX_BATCH), seeds: shared.batch.seeds });
    setNote(notice);
  });
  // A link is applied once, when it arrives.
  useEffect(() => {
    if (!setup) return;
    void import('../../features/params/share-link').then(({ readSetup, setupNotice }) => {
      const read = readSetup(setup);
      // Applied once: the address drops the setup, so a reload keeps the edits made after it.
      history.replaceState(history.state, '', '#/playground');
      if (read.ok) apply(read.setup, setupNotice(read));
      else setNote(read.problem);
    });
  }, [setup]);

  const copyLink = () => {
    if (!form) return;
    const values = form.getValues();
    void import('../../features/params/share-link').then(({ buildSetup, setupLink }) => {
      const s = buildSetup(endpointId, values, opts.batch.count > 1 || opts.batch.seeds !== 'consecutive' ? opts.batch : undefined);
      const link = setupLink(s);
      const omitted = s.omitted?.length ? ` The link leaves out ${s.omitted.join(', ')}: choose it again after opening.` : '';
      return navigator.clipboard.writeText(link).then(
        () => setNote(`Link copied.${omitted}`),
        () => setNote(`Copy this link: ${link}${omitted}`),
      );
    });
  };
  return { note, copyLink };
}
