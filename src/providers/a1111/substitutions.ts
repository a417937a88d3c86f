/**
 * A real WebUI (1.9+, Forge, SD.Next) given a sampler, schedule or checkpoint it does not know
 * silently uses its default, so a typo changes the picture without an error. The answer holds
 * both sides: `parameters` echoes the request as sent, `info` says what was used. This compares
 * them and words what differs, for the result card.
 */
import { isRecord } from '../shared/http';

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');
const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** A checkpoint as asked (title `file.safetensors [hash]`, a path, a name, a hash or a sha256) matches the one used. */
function sameModel(asked: string, usedName: string | undefined, usedHash: string | undefined): boolean {
  const bracket = /\[([0-9a-f]+)\]\s*$/i.exec(asked)?.[1];
  const bare = asked.replace(/\s*\[[0-9a-f]+\]\s*$/i, '');
  const base = bare.split(/[\\/]/).pop()?.replace(/\.(safetensors|ckpt|pt|pth|gguf)$/i, '') ?? bare;
  if (usedHash && [bracket, bare].some((h) => h && (norm(h) === norm(usedHash) || norm(h).startsWith(norm(usedHash))))) return true;
  if (!usedName) return usedHash === undefined;
  const usedBase = usedName.split(/[\\/]/).pop() ?? usedName;
  return norm(base) === norm(usedBase) || norm(bare) === norm(usedName);
}

/** What the server used instead of what was asked, in words; undefined when it used what was asked (or did not say). */
export function substitutionNotice(parameters: unknown, info: Record<string, unknown>): string | undefined {
  if (!isRecord(parameters)) return undefined;
  const notes: string[] = [];
  const usedSampler = text(info.sampler_name);
  const extra = isRecord(info.extra_generation_params) ? info.extra_generation_params : {};
  const usedSchedule = text(extra['Schedule type']);
  const askedSampler = text(parameters.sampler_name) ?? text(parameters.sampler_index);
  const askedSchedule = text(parameters.scheduler);
  if (askedSampler && usedSampler) {
    const combined = usedSchedule ? [`${usedSampler} ${usedSchedule}`] : [];
    if (![usedSampler, ...combined].some((n) => norm(n) === norm(askedSampler))) notes.push(`sampler "${usedSampler}", not "${askedSampler}"`);
  }
  if (askedSchedule && usedSchedule && norm(askedSchedule) !== norm(usedSchedule)) notes.push(`schedule "${usedSchedule}", not "${askedSchedule}"`);
  const override = isRecord(parameters.override_settings) ? parameters.override_settings : {};
  const askedModel = text(override.sd_model_checkpoint);
  const usedName = text(info.sd_model_name);
  const usedHash = text(info.sd_model_hash);
  if (askedModel && (usedName || usedHash) && !sameModel(askedModel, usedName, usedHash)) notes.push(`model "${usedName ?? usedHash}", not "${askedModel}"`);
  if (notes.length === 0) return undefined;
  return `The server used ${notes.join(', ')} as asked: it silently takes its default for a name it does not know. Pick from its list (the field's suggestions).`;
}
