/** Values pushed into the playground from elsewhere (gallery "reuse", canvas images). */
export interface Preset {
  endpointId: string;
  values: Record<string, unknown>;
  /** true: merge into the current form (reuse seed); false: replace all parameters. */
  merge: boolean;
  /** Makes each push distinct, even with equal values. */
  nonce: number;
}
