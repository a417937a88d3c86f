/** Exports a pending mask now; gives the values Generate must send (the mask on screen) and the "Inpaint area" settings. */
export type CanvasFlush = () => Promise<{ values: Record<string, unknown>; inpaint: { area: 'whole' | 'masked'; padding: number; maskBlur: number } }>;
