/**
 * Opening saved comparisons in Compare: one asked for by another view or the URL, the one on
 * screen before a reload, one picked from the recent list; and the URL following the one shown.
 */
import { useCallback, useEffect, useEffectEvent, useRef } from 'react';
import { updateWorkspace } from '../../job-store/workspace';
import type { ComparisonRecord } from './comparison-record';
import type { CompareDraft } from './comparison-store';
import { takeOpenRequest } from './open-request';
import { findComparison, restoreImages } from './use-comparison';

export interface CompareOpenOptions {
  draft: CompareDraft | undefined;
  /** The comparison the URL names. */
  openId: string | undefined;
  shownId: string | undefined;
  show(found: ComparisonRecord): void;
  /** Puts a comparison's targets, parameters and axes in the form. */
  apply(found: ComparisonRecord): void;
  onMessage(message: string | undefined): void;
  onShown?(id: string | undefined): void;
}

export function useCompareOpen({ draft, openId, shownId, show, apply, onMessage, onShown }: CompareOpenOptions) {
  const latest = useRef({ show, apply, onMessage, onShown });
  useEffect(() => {
    latest.current = { show, apply, onMessage, onShown };
  });

  // Shows a comparison found (or says it is gone); `andApply` puts its targets and parameters in the form.
  const open = useCallback((id: string, andApply: boolean) => {
    return findComparison(id).then((found) => {
      const { show, apply, onMessage } = latest.current;
      if (!found) return onMessage('That comparison is no longer saved, and the gallery has none of its jobs.');
      onMessage(undefined);
      show(found);
      if (andApply) apply(found);
      void restoreImages(found).then((restored) => {
        if (restored.initImage) updateWorkspace({ image: restored.initImage, mask: restored.mask });
      });
    });
  }, []);

  // After a reload: the comparison that was on screen, or the one another view asked to open.
  const reopened = useRef(false);
  useEffect(() => {
    if (reopened.current) return; // once, even when effects run twice (StrictMode)
    reopened.current = true;
    const asked = takeOpenRequest() ?? openId;
    if (asked) void open(asked, true);
    else if (draft?.currentId) void open(draft.currentId, false);
  }, [draft, open, openId]);

  // The URL names the open comparison: Back and Forward open the one it names; opening one here updates it.
  // Only a change of the URL opens a comparison (a change of the one shown does not).
  const follow = useEffectEvent((id: string) => {
    if (reopened.current && id !== shownId) void open(id, true);
  });
  useEffect(() => {
    if (openId) follow(openId);
  }, [openId]);
  const lastShown = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (shownId === lastShown.current) return;
    if (shownId || lastShown.current) latest.current.onShown?.(shownId);
    lastShown.current = shownId;
  }, [shownId]);

  return open;
}
