/**
 * The contract every provider module fulfils. Plain data in, plain data out:
 * nothing in src/providers performs I/O (only src/api does).
 */
import type { z } from 'zod';

/**
 * A provider's id (`modelslab`): a plain string. The registry (`registry.ts`) is
 * the one list of providers; nothing else spells their ids out.
 */
export type ProviderId = string;

export type EndpointKind = 'txt2img' | 'img2img' | 'inpaint';

/** The request as it will leave: the single fetch wrapper turns it into a real fetch. */
export interface HttpRequest {
  method: 'POST' | 'GET' | 'PUT';
  url: string;
  headers: Record<string, string>;
  body: RequestBody;
}

export type RequestBody =
  | { type: 'json'; value: Record<string, unknown> }
  /** Multipart form fields, in order, every value a string (DreamRender). */
  | { type: 'multipart'; fields: Array<[name: string, value: string]> }
  /** One file (an upload): its bytes as the whole body, or as the one part `part` of a multipart form. */
  | { type: 'file'; bytes: Uint8Array; mime: string; fileName: string; part?: string }
  | { type: 'none' };

/** What came back, before any interpretation. Header names are lower-case. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

export type ResultImage =
  /** A link to the image. `base64Text`: the link holds base64 text, not image bytes (ModelsLab `base64: "yes"`). */
  | { type: 'url'; url: string; base64Text?: boolean }
  | { type: 'bytes'; bytes: Uint8Array; mime: string }
  | { type: 'base64'; data: string; mime: string };

export type ErrorKind =
  | 'auth'
  | 'credits'
  | 'rate_limit'
  | 'invalid'
  | 'not_found'
  | 'server'
  | 'network'
  | 'cancelled'
  /** The user stopped polling a queued job; the provider still has it (Resume fetches it). */
  | 'stopped_watching'
  | 'unknown';

export interface ProviderError {
  kind: ErrorKind;
  /** Plain words: what happened. */
  message: string;
  /** What to do next, when there is something to say. */
  hint?: string;
  status?: number;
  /** Seconds to wait before trying again, when the provider said so. */
  retryAfter?: number;
  /** The provider's own id for the request, when it gave one. */
  providerId?: string;
}

export interface ImagesResult {
  kind: 'images';
  images: ResultImage[];
  /** The seed the provider reports having used (`meta.seed`, `x-seed-value`). */
  seed?: number;
  /** One seed per image, index-aligned with `images`, when the provider reports them (A1111 `all_seeds`, a `meta.seed` list). */
  seeds?: number[];
  meta?: Record<string, unknown>;
  /** Credits left after this request (Segmind `x-remaining-credits`). */
  credits?: number;
  /** What this request cost, in the provider's unit (Segmind `x-cost`). */
  cost?: number;
  /** Seconds the provider says generation took. */
  generationTime?: number;
  providerId?: string;
  /** What the provider did otherwise than asked (A1111: another sampler or model), shown on the result. */
  notice?: string;
}

export interface QueuedResult {
  kind: 'queued';
  id: string;
  /** Seconds the provider estimates until the result is ready. */
  eta?: number;
  message?: string;
  /** The fetch URL the provider named (ModelsLab `fetch_result`), for display. */
  fetchUrl?: string;
  futureLinks?: string[];
  meta?: Record<string, unknown>;
  /** The provider says the result is ready: fetch it with `ProviderDef.buildResultRequest` (fal's queue). */
  ready?: boolean;
}

export interface ErrorResult {
  kind: 'error';
  error: ProviderError;
}

export type ProviderResult = ImagesResult | QueuedResult | ErrorResult;

/**
 * Where a provider expects the key; used to send it and to redact it.
 * - `json` / `multipart`: a body field of that name (ModelsLab `key`, DreamRender `dev_key`);
 * - `header`: a header of that name (Segmind `x-api-key`), its value `prefix` + key (fal: `Authorization: Key …`);
 * - `bearer`: `Authorization: Bearer <key>`;
 * - `basic`: `Authorization: Basic base64(user:password)`; the key is kept as `user:password`;
 * - `none`: the provider takes no key.
 */
export type KeyLocation =
  | { in: 'json'; name: string }
  | { in: 'header'; name: string; prefix?: string }
  | { in: 'multipart'; name: string }
  | { in: 'bearer' }
  | { in: 'basic' }
  | { in: 'none' };

/**
 * Shared parameter roles, so the compare view can map one request onto each
 * endpoint's own names. Read from the schema's metadata, never guessed from names.
 */
export type ParamRole =
  | 'model'
  | 'prompt'
  | 'negativePrompt'
  | 'seed'
  | 'width'
  | 'height'
  | 'steps'
  | 'guidance'
  | 'scheduler'
  | 'samples'
  | 'initImage'
  | 'mask'
  | 'strength'
  /** A named size instead of width and height: an aspect ratio ("16:9") or a preset ("landscape_4_3"). */
  | 'size';

export interface BuildArgs<P> {
  params: P;
  key: string;
  /** Base URL without a trailing slash, e.g. `https://api.segmind.com` or `http://localhost:5173/sandbox/segmind`. */
  baseUrl: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyObjectSchema = z.ZodObject<any>;

/** One axis of the image sizes an endpoint accepts: any multiple in a range, or one of a list. */
export type AxisSizeRule = { kind: 'range'; min: number; max: number; multiple: number } | { kind: 'fixed'; values: number[] };

/** The image sizes an endpoint accepts (the inpainting library's SizeRule has this shape). */
export interface ImageSizeRule {
  width: AxisSizeRule;
  height: AxisSizeRule;
}

export interface EndpointDef<S extends AnyObjectSchema = AnyObjectSchema> {
  /** Globally unique: `<provider>/<name>`. */
  id: string;
  provider: ProviderId;
  /** The provider's own name for it (`generate_image`, `img2img`, `sd1.5-dreamshaper`). */
  name: string;
  /** A human title (`Text to image`). */
  title: string;
  kind: EndpointKind;
  /** Path below the base URL, e.g. `/api/v4/dreambooth/img2img`. */
  path: string;
  /** One line on what the endpoint does, from the documents. */
  description: string;
  schema: S;
  /** Values the form starts with (the documents' own examples where they give them). */
  initialValues: Partial<z.input<S>>;
  /**
   * How long a request may take, answer included (ms); default: the provider's, else 180 s.
   * Lengthen it for a synchronous server that legitimately works for minutes.
   */
  timeoutMs?: number;
  /**
   * The most images one answer may bring; default: the maximum of the field whose
   * role is `samples`, else 1. Images past it are not downloaded nor kept.
   */
  maxOutputs?: number;
  /** The sizes an image sent to it may have: init images and "Only masked" crops are scaled to fit. */
  sizeRule?: ImageSizeRule;
  /** An endpoint made from a published schema (Replicate, fal): the version of that schema; jobs record it. */
  schemaVersion?: string;
  buildRequest(args: BuildArgs<z.output<S>>): HttpRequest;
  parseResponse(res: HttpResponse): ProviderResult;
}

/** Everything a request to the provider's server needs, besides its parameters. */
export interface ConnectionArgs {
  key: string;
  /** Base URL without a trailing slash. */
  baseUrl: string;
}

/** Progress of a running request, read from a poll the provider offers (A1111 `/sdapi/v1/progress`). */
export interface ProgressInfo {
  /** 0..1 */
  fraction?: number;
  /** Seconds left, as the provider estimates. */
  eta?: number;
  /** A preview of the image in progress. */
  preview?: ResultImage;
  message?: string;
}

/**
 * An optional request an adapter can build besides generating: polled while a
 * synchronous POST runs (`progress`), sent on Cancel (`cancel`), or fetched to
 * offer a field the server's own values (`lists`). All pure: src/api sends them.
 */
export interface ExtraRequests {
  progress?: { build(args: ConnectionArgs): HttpRequest; parse(res: HttpResponse): ProgressInfo | undefined };
  cancel?: { build(args: ConnectionArgs): HttpRequest };
  /** Cancels a queued job at the provider, by its id (Replicate `urls.cancel`, fal `cancel_url`). */
  cancelQueued?: { build(args: ConnectionArgs & { id: string }): HttpRequest };
  /**
   * Lists fetched from the server (`models`, `samplers`): a field whose metadata
   * names the list (`ParamMeta.serverList`) offers its values as suggestions.
   */
  lists?: Record<string, { build(args: ConnectionArgs): HttpRequest; parse(res: HttpResponse): string[] }>;
}

/** A local image to upload (an init image or mask too large to go inline). */
export interface UploadFile {
  bytes: Uint8Array;
  mime: string;
  fileName: string;
}

/** What an upload's first answer says: the URL to send in the request, and where to PUT the bytes first when it names a place (fal). */
export type UploadAnswer = { kind: 'uploaded'; url: string; put?: { url: string } } | ErrorResult;

/**
 * A provider's file upload, for images too large to go inline as `data:` URIs (fields with the
 * `dataUri` wire): the largest image it takes inline, and the upload's request and answer. The job
 * layer uploads each larger image before the request that names it, and sends the answer's URL.
 */
export interface FileUploads {
  /** Bytes of one image at most sent inline as a `data:` URI; larger ones are uploaded (0: every one). */
  maxInlineBytes: number;
  /** Where the files go, for the card (`Replicate's Files API`). */
  label: string;
  /** Another host than the provider's base URL (fal's storage): its live base URL and its twin's prefix. */
  host?: { baseUrl: string; sandboxPrefix: string };
  build(args: ConnectionArgs & { file: UploadFile }): HttpRequest;
  parse(res: HttpResponse): UploadAnswer;
}

/**
 * The single description of a provider. Everything the app, the proxy and the
 * job record know about providers is derived from the registry's list of these
 * (`registry.ts`): a new provider is its folder plus one line there.
 */
export interface ProviderDef {
  /** Lower-case, URL-safe: used in `/sandbox/<id>`, `/proxy/<id>`, endpoint ids and stored jobs. */
  id: ProviderId;
  /** The twin's prefix under /sandbox/ when it is not the id (fal's queue: `fal-queue`). */
  sandboxPrefix?: string;
  /** Display name (`DreamRender-3.0`, `ModelsLab`, `Segmind`). */
  name: string;
  /** A short name for tiles and filters (`DreamRender`); defaults to `name`. */
  shortName?: string;
  /** Where the key goes. */
  keyLocation: KeyLocation;
  /** Whether Live mode needs a key (false: optional, e.g. Basic auth a local server may not use). */
  keyRequired: boolean;
  /** Where the user gets a key, in plain words. */
  keyHelp: string;
  /** The documented public base URL; undefined where there is none (DreamRender). */
  defaultBaseUrl?: string;
  /** One line under the base URL field in Settings; `PAGE_ORIGIN` in it is shown as the page's real origin. */
  baseUrlHelp: string;
  /**
   * Hosts the local proxy may forward this provider's requests to, or
   * `'any-public-https'` (the https host the user configured, when the provider
   * has no public one). Ignored when `local` is true (never proxied).
   */
  proxyHosts: readonly string[] | 'any-public-https';
  /**
   * A server that runs on the user's own machine: Settings accepts `http://` on
   * loopback for it alone, and the browser calls it directly, never through the proxy.
   */
  local?: boolean;
  /** How long a request may take, answer included (ms), unless the endpoint says otherwise; default 180 s. */
  timeoutMs?: number;
  /**
   * What to do when the browser cannot reach the server at all (a CORS refusal
   * looks the same as a host that is down), in plain words; a generic hint otherwise.
   * `PAGE_ORIGIN` in it becomes the page's real origin.
   */
  networkHint?: string;
  /** Response headers worth reading (credits, seed, timing); the proxy passes these on. Lower-case. */
  responseHeaders: readonly string[];
  endpoints: EndpointDef[];
  /** Fetching a queued result (ModelsLab; Replicate and fal by their job ids). */
  buildFetchRequest?(args: { id: string; key: string; baseUrl: string }): HttpRequest;
  parseFetchResponse?(res: HttpResponse): ProviderResult;
  /** Fetching a finished queued job's result, when its status said `ready` (fal); parsed by `parseFetchResponse`. */
  buildResultRequest?(args: { id: string; key: string; baseUrl: string }): HttpRequest;
  /** Optional progress, cancel and list requests (see ExtraRequests). */
  extra?: ExtraRequests;
  /** Its file upload, for images too large to go inline (Replicate, fal). */
  uploads?: FileUploads;
}

/**
 * Written in a provider's help where the page's origin goes (a CORS flag): providers are pure and
 * cannot know it; `withPageOrigin` (src/api/route.ts) puts the real one in where it is shown.
 */
export const PAGE_ORIGIN = '<this page’s origin>';
