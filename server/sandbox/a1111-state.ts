/**
 * What the AUTOMATIC1111 twin keeps per twin instance: the server's options, its model, sampler
 * and scheduler lists, the Basic auth credentials, the running job (for /progress and
 * /interrupt) and the queue that runs one generation at a time. Kept in a WeakMap keyed by the
 * Twin, so twin.ts needs no field for it.
 */
import { createHash } from 'node:crypto';
import type { Raster } from './raster';
import type { Twin } from './twin';

/** Environment variable with `user:pass[,user2:pass2]`, like the WebUI's `--api-auth` flag. */
export const AUTH_ENV = 'SANDBOX_A1111_AUTH';
/** Default time one sampling step takes, in ms. */
export const DEFAULT_STEP_MS = 40;
/** Default time loading another checkpoint takes, in ms (the WebUI reports job_count -1 meanwhile). */
export const DEFAULT_LOAD_MS = 300;

export interface SdModel {
  title: string;
  model_name: string;
  hash: string;
  sha256: string;
  filename: string;
  config: string | null;
}

function model(file: string): SdModel {
  // Synthetic hashes (of the file name): the twin has no weights to hash.
  const sha256 = createHash('sha256').update(file).digest('hex');
  const hash = sha256.slice(0, 10);
  return {
    title: `${file} [${hash}]`,
    model_name: file.replace(/\.(safetensors|ckpt)$/, ''),
    hash,
    sha256,
    filename: `models/Stable-diffusion/${file}`,
    config: null,
  };
}

export const SD_MODELS: readonly SdModel[] = [
  model('v1-5-pruned-emaonly.safetensors'),
  model('dreamshaper_8.safetensors'),
  model('sd_xl_base_1.0.safetensors'),
];

export interface SamplerItem {
  name: string;
  aliases: string[];
  options: Record<string, unknown>;
}

const sampler = (name: string, aliases: string[], options: Record<string, unknown> = {}): SamplerItem => ({ name, aliases, options });

export const SAMPLERS: readonly SamplerItem[] = [
  sampler('DPM++ 2M', ['k_dpmpp_2m']),
  sampler('DPM++ SDE', ['k_dpmpp_sde'], { brownian_noise: true }),
  sampler('DPM++ 2M SDE', ['k_dpmpp_2m_sde'], { brownian_noise: true }),
  sampler('DPM++ 2S a', ['k_dpmpp_2s_a'], { uses_ensd: true }),
  sampler('Euler a', ['k_euler_a', 'k_euler_ancestral'], { uses_ensd: true }),
  sampler('Euler', ['k_euler']),
  sampler('LMS', ['k_lms']),
  sampler('Heun', ['k_heun'], { second_order: true }),
  sampler('DPM2', ['k_dpm_2'], { discard_next_to_last_sigma: true, second_order: true }),
  sampler('DPM2 a', ['k_dpm_2_a'], { discard_next_to_last_sigma: true, uses_ensd: true, second_order: true }),
  sampler('DPM fast', ['k_dpm_fast'], { uses_ensd: true }),
  sampler('DPM adaptive', ['k_dpm_ad'], { uses_ensd: true }),
  sampler('Restart', ['restart'], { scheduler: 'karras', second_order: true }),
  sampler('DDIM', ['ddim']),
  sampler('PLMS', ['plms']),
  sampler('UniPC', ['unipc']),
  sampler('LCM', ['k_lcm']),
];

export interface SchedulerItem {
  name: string;
  label: string;
  aliases: string[] | null;
  default_rho: number | null;
  need_inner_model: boolean | null;
}

const scheduler = (name: string, label: string, extra: Partial<SchedulerItem> = {}): SchedulerItem => ({
  name,
  label,
  aliases: null,
  default_rho: null,
  need_inner_model: null,
  ...extra,
});

export const SCHEDULERS: readonly SchedulerItem[] = [
  scheduler('automatic', 'Automatic'),
  scheduler('uniform', 'Uniform', { need_inner_model: true }),
  scheduler('karras', 'Karras', { default_rho: 7 }),
  scheduler('exponential', 'Exponential'),
  scheduler('polyexponential', 'Polyexponential', { default_rho: 1 }),
  scheduler('sgm_uniform', 'SGM Uniform', { aliases: ['SGMUniform'], need_inner_model: true }),
  scheduler('kl_optimal', 'KL Optimal'),
  scheduler('align_your_steps', 'Align Your Steps'),
  scheduler('simple', 'Simple', { need_inner_model: true }),
  scheduler('normal', 'Normal', { need_inner_model: true }),
  scheduler('ddim', 'DDIM', { need_inner_model: true }),
  scheduler('beta', 'Beta', { need_inner_model: true }),
];

/** A sampler by name or alias (aliases ignore case), as the WebUI's sampler map resolves it. */
export function findSampler(name: string): SamplerItem | undefined {
  const lower = name.toLowerCase();
  return SAMPLERS.find((s) => s.name === name || s.aliases.some((a) => a.toLowerCase() === lower));
}

/**
 * WebUI 1.9+'s `get_sampler_and_scheduler`: a scheduler named at the end of the sampler name is
 * split off ("DPM++ 2M Karras" → DPM++ 2M, Karras); an unknown sampler silently becomes the
 * first one (DPM++ 2M), an unknown scheduler Automatic; a scheduler that is the sampler's own
 * default reads as Automatic.
 */
export function samplerAndScheduler(samplerName: string | undefined, schedulerName: string | undefined): { sampler: SamplerItem; scheduler: SchedulerItem } {
  const automatic = SCHEDULERS[0] as SchedulerItem;
  let scheduler = SCHEDULERS.find((s) => s.name === schedulerName || s.label === schedulerName) ?? automatic;
  let name = samplerName || (SAMPLERS[0] as SamplerItem).name;
  for (const s of SCHEDULERS) {
    const suffix = [s.label, s.name, ...(s.aliases ?? [])].find((option) => name.endsWith(` ${option}`));
    if (suffix) {
      scheduler = s;
      name = name.slice(0, -(suffix.length + 1));
      break;
    }
  }
  const sampler = findSampler(name) ?? (SAMPLERS[0] as SamplerItem);
  if (sampler.options.scheduler === scheduler.name) scheduler = automatic;
  return { sampler, scheduler };
}

/** A model by title, name (with or without extension), short hash or sha256, like the WebUI's checkpoint aliases. */
export function findModel(name: string): SdModel | undefined {
  const bare = name.trim().replace(/\s*\[[0-9a-f]+\]$/, '');
  return SD_MODELS.find(
    (m) => m.title === name || m.model_name === bare || m.filename.endsWith(`/${bare}`) || m.hash === bare || m.sha256 === bare.toLowerCase(),
  );
}

export function defaultOptions(): Record<string, unknown> {
  const first = SD_MODELS[0];
  return {
    sd_model_checkpoint: first?.title ?? '',
    sd_checkpoint_hash: first?.sha256 ?? '',
    samples_format: 'png',
    live_previews_enable: true,
    show_progress_every_n_steps: 10,
    show_progress_type: 'Approx NN',
    CLIP_stop_at_last_layers: 1,
    eta_noise_seed_delta: 0,
    initial_noise_multiplier: 1,
    img2img_fix_steps: false,
  };
}

/** A running generation, as /progress reports it. */
export interface A1111Job {
  startedAt: number;
  timestamp: string;
  /** Batches (n_iter); -1 while the checkpoint loads, as the WebUI reports it. */
  jobCount: number;
  jobNo: number;
  samplingStep: number;
  samplingSteps: number;
  interrupted: boolean;
  /** Renders the first picture of the current batch as it stands at `step` (null before the first batch). */
  preview: ((step: number) => Raster) | null;
  /** The last preview sent, and the step it shows. */
  previewBase64: string | null;
  previewStep: number;
}

export interface A1111State {
  options: Record<string, unknown>;
  /** user -> password; empty: no authentication (the default). */
  credentials: Map<string, string>;
  stepMs: number;
  /** Time loading another checkpoint takes. */
  loadMs: number;
  /** A running job stops after this sampling step until the control moves it on (null: no hold). */
  holdAtStep: number | null;
  /** The checkpoint in memory (its title): a generation with another one loads it first. */
  loaded: string;
  job: A1111Job | null;
  /** Generations run one at a time, like the WebUI's queue lock. */
  queue: Promise<void>;
  /** Pauses in progress (`pause`), told when stepMs or loadMs change. */
  wakers: Set<() => void>;
}

/**
 * Waits until `ms()` has passed since the call, reading `ms()` again whenever the control changes
 * stepMs or loadMs or a job is interrupted (`wakeA1111`): a test holds a generation in a state with a long time and lets it
 * go by setting 0, instead of racing a short window.
 */
export function pause(state: A1111State, ms: () => number): Promise<void> {
  const since = Date.now();
  return new Promise((resolve) => {
    const left = () => since + ms() - Date.now();
    const check = () => {
      clearTimeout(timer);
      if (left() > 0) {
        timer = setTimeout(check, left());
        return;
      }
      state.wakers.delete(check);
      resolve();
    };
    // Always through a timer, even for 0 ms: the steps yield to /progress and /interrupt.
    let timer = setTimeout(check, Math.max(0, left()));
    state.wakers.add(check);
  });
}

/** Resolves once `ready()` holds, checked again at each `wakeA1111` (a control change, an interrupt). */
export function until(state: A1111State, ready: () => boolean): Promise<void> {
  if (ready()) return Promise.resolve();
  return new Promise((resolve) => {
    const check = () => {
      if (!ready()) return;
      state.wakers.delete(check);
      resolve();
    };
    state.wakers.add(check);
  });
}

export function wakeA1111(state: A1111State): void {
  for (const wake of [...state.wakers]) wake();
}

/** `user:pass,user2:pass2` as a map; throws on a malformed entry. */
export function parseCredentials(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of text.split(',')) {
    if (entry.trim() === '') continue;
    const colon = entry.indexOf(':');
    if (colon <= 0) throw new Error('credentials must look like user:password[,user2:password2]');
    map.set(entry.slice(0, colon), entry.slice(colon + 1));
  }
  return map;
}

function freshState(): A1111State {
  const fromEnv = process.env[AUTH_ENV];
  return {
    options: defaultOptions(),
    credentials: fromEnv ? parseCredentials(fromEnv) : new Map(),
    stepMs: DEFAULT_STEP_MS,
    loadMs: DEFAULT_LOAD_MS,
    holdAtStep: null,
    loaded: SD_MODELS[0]?.title ?? '',
    job: null,
    queue: Promise.resolve(),
    wakers: new Set(),
  };
}

const states = new WeakMap<Twin, A1111State>();

export function a1111State(twin: Twin): A1111State {
  let state = states.get(twin);
  if (!state) {
    state = freshState();
    states.set(twin, state);
  }
  return state;
}

/** Default options, credentials from the environment, default step time; a running job is interrupted. */
export function resetA1111(twin: Twin): A1111State {
  const state = a1111State(twin);
  if (state.job) state.job.interrupted = true;
  const fresh = freshState();
  state.options = fresh.options;
  state.credentials = fresh.credentials;
  state.stepMs = fresh.stepMs;
  state.loadMs = fresh.loadMs;
  state.holdAtStep = fresh.holdAtStep;
  state.loaded = fresh.loaded;
  wakeA1111(state);
  return state;
}
