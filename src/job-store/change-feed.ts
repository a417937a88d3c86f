/**
 * Change notifications for the gallery store: listeners in this tab, and
 * other tabs through a BroadcastChannel when the browser has one. The channel
 * is open only while someone listens.
 */

export type GalleryChange =
  | { type: 'put' | 'delete'; id: string }
  | { type: 'clear' }
  /** Many records changed at once (e.g. old records upgraded). */
  | { type: 'bulk' }
  /** The storage-full state changed (see GalleryStore.storageFull). */
  | { type: 'storage' };

export type ChangeListener = (change: GalleryChange & { remote: boolean }) => void;

export interface ChangeFeed {
  subscribe(listener: ChangeListener): () => void;
  notify(change: GalleryChange): void;
}

export function createChangeFeed(channelName: string | null): ChangeFeed {
  const listeners = new Set<ChangeListener>();
  let channel: BroadcastChannel | null = null;

  const emit = (change: GalleryChange, remote: boolean) => {
    for (const listener of [...listeners]) {
      try {
        listener({ ...change, remote });
      } catch (error) {
        console.error('gallery change listener failed', error);
      }
    }
  };

  const open = () => {
    if (channel || !channelName || typeof BroadcastChannel === 'undefined') return;
    channel = new BroadcastChannel(channelName);
    channel.onmessage = (event: MessageEvent<unknown>) => {
      const data = event.data as GalleryChange | null;
      if (data && typeof data === 'object' && typeof data.type === 'string') emit(data, true);
    };
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && channel) {
          channel.close();
          channel = null;
        }
      };
    },
    notify(change) {
      emit(change, false);
      if (change.type === 'storage') return; // local: this tab's failed write
      if (channel) {
        channel.postMessage(change);
      } else if (channelName && typeof BroadcastChannel !== 'undefined') {
        // No listener here, but other tabs may have some.
        const once = new BroadcastChannel(channelName);
        once.postMessage(change);
        once.close();
      }
    },
  };
}
