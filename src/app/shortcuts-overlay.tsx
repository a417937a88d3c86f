/** `?` opens a list of every keyboard binding of the app, the canvas's included (loaded on first use). */
import { lazy, Suspense, useEffect, useState } from 'react';

const ShortcutsDialog = lazy(() => import('./shortcuts-dialog'));

/** The app's own key, in the form of the canvas's action table: the overlay matches it, the dialog lists it. */
export const OPEN_SHORTCUTS = { id: 'shortcuts', label: 'This list of shortcuts', keys: ['?'] } as const;

function typingInto(target: EventTarget | null) {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
}

export function ShortcutsOverlay() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(OPEN_SHORTCUTS.keys as readonly string[]).includes(e.key) || e.ctrlKey || e.metaKey || e.altKey || typingInto(e.target)) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <ShortcutsDialog onClose={() => setOpen(false)} />
    </Suspense>
  );
}
