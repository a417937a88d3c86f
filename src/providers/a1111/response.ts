/**
 * AUTOMATIC1111 answers. Success: `{"images": [base64 PNG…], "parameters": {…}, "info": "<JSON>"}`,
 * where `info` holds `all_seeds` (one seed per picture, in order), `infotexts` and the rest; a
 * grid, when the server returns one, comes first and `index_of_first_image` says so. Errors:
 * FastAPI's 422 `{"detail": [{"loc", "msg", "type"}]}`, 401 for a wrong or missing login, and
 * `{"error", "detail", "body", "errors"}` for anything raised inside a route (500, 404…); Forge
 * also answers `{"message"}`. A sampler, schedule or model the server used instead of the one
 * asked becomes the result's notice (substitutions.ts).
 */
import type { HttpResponse, ImagesResult, ProviderResult, ResultImage } from '../types';
import { errorResult } from '../shared/errors';
import { decodeText, isRecord, isSuccessStatus, messageText, parseJson, summarizeText, toNumber } from '../shared/http';
import { imagesFrom } from '../shared/images';
import { substitutionNotice } from './substitutions';

export const PROVIDER = 'The Stable Diffusion server';

/** What `info` says, read liberally (forks add and drop fields). */
export interface A1111Info {
  seeds: number[];
  infotexts: string[];
  firstImage: number;
  raw: Record<string, unknown>;
}

/** `info` (a JSON string, or already an object on some forks) into per-picture seeds and texts. */
export function parseInfo(value: unknown): A1111Info | undefined {
  const info = typeof value === 'string' ? parseJson(new TextEncoder().encode(value)) : value;
  if (!isRecord(info)) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const seeds = list(info.all_seeds).map(toNumber).filter((n): n is number => n !== undefined);
  const seed = toNumber(info.seed);
  return {
    seeds: seeds.length > 0 ? seeds : seed !== undefined ? [seed] : [],
    infotexts: list(info.infotexts).filter((t): t is string => typeof t === 'string'),
    firstImage: Math.max(0, Math.trunc(toNumber(info.index_of_first_image) ?? 0)),
    raw: info,
  };
}

/** The names a 422 `detail` list points at (`steps`, `styles.0`), for the hint. */
function invalidFields(detail: unknown): string[] {
  if (!Array.isArray(detail)) return [];
  return detail
    .map((item) => (isRecord(item) && Array.isArray(item.loc) ? item.loc.filter((l) => l !== 'body').join('.') : ''))
    .filter((name) => name !== '');
}

/** The server's own words: the 422 list, `detail`, the exception (`errors`, named by `error`), or Forge's `message`. */
export function serverText(json: Record<string, unknown>): string | undefined {
  const detail = messageText(json.detail);
  if (detail) return detail;
  const message = messageText(json.message);
  if (message) return message;
  const errors = messageText(json.errors);
  const name = typeof json.error === 'string' && json.error !== 'HTTPException' ? json.error : undefined;
  if (errors) return name && !errors.startsWith(name) ? `${name}: ${errors}` : errors;
  return name;
}

function errorFor(status: number, json: Record<string, unknown> | undefined, raw: string | undefined): ProviderResult {
  const text = json ? serverText(json) : raw;
  switch (status) {
    case 401:
    case 403:
      return errorResult(PROVIDER, 'auth', {
        status,
        text,
        lead: 'The server asks for a login and did not accept this one',
        hint: 'In Settings, enter the login as user:password, exactly as the server was started with it: --api-auth (A1111, Forge) or --auth (SD.Next).',
      });
    case 404: {
      if (text === undefined || /^not found$/i.test(text)) {
        return errorResult(PROVIDER, 'not_found', {
          status,
          text,
          lead: 'The server has no such API address',
          hint: 'Start the server with its API on (A1111 and Forge: --api; SD.Next serves it always), and check the base URL in Settings (default http://127.0.0.1:7860).',
        });
      }
      const what = /sampler/i.test(text) ? 'sampler' : /model/i.test(text) ? 'model' : undefined;
      return errorResult(PROVIDER, 'not_found', {
        status,
        text,
        lead: what ? `The server has no such ${what}` : 'The server could not find what the request names',
        hint: what
          ? `Pick a ${what} from the server's own list (the field's suggestions), or leave it empty for the server's default.`
          : 'Check the field the message names and resend.',
      });
    }
    case 405:
      return errorResult(PROVIDER, 'invalid', { status, text, lead: 'The server does not take this method at this address', hint: 'Check the base URL in Settings: it should end at the server root (http://127.0.0.1:7860).' });
    case 422: {
      const fields = invalidFields(json?.detail);
      return errorResult(PROVIDER, 'invalid', {
        status,
        text,
        lead: 'The server rejected the request',
        hint: fields.length > 0 ? `Fix ${fields.join(', ')} and resend.` : 'Fix the field the message names and resend.',
      });
    }
    default:
      if (status >= 500) {
        const memory = text !== undefined && /out of memory|OutOfMemory/i.test(text);
        return errorResult(PROVIDER, 'server', {
          status,
          text,
          lead: 'The server failed while generating',
          hint: memory
            ? 'The GPU ran out of memory: make the picture smaller or the batch size lower, then resend.'
            : "Look at the WebUI's console for the full error; other parameter values (sampler, size, model) may work.",
        });
      }
      return errorResult(PROVIDER, status === 429 ? 'rate_limit' : 'invalid', { status, text });
  }
}

export function parseA1111Response(res: HttpResponse): ProviderResult {
  const json = parseJson(res.body);
  const record = isRecord(json) ? json : undefined;
  if (!isSuccessStatus(res.status)) return errorFor(res.status, record, summarizeText(decodeText(res.body)) || undefined);
  if (!record) {
    return errorResult(PROVIDER, 'unknown', {
      text: summarizeText(decodeText(res.body)) || undefined,
      lead: 'The server answered without JSON',
      hint: 'Check that the base URL points at the WebUI API (started with --api), not at another page.',
    });
  }
  const info = parseInfo(record.info);
  const all: ResultImage[] = imagesFrom(record.images, 'image/png');
  const images = all.slice(info?.firstImage ?? 0);
  if (images.length === 0) {
    return errorResult(PROVIDER, 'unknown', {
      lead: 'The server answered without a picture',
      note: 'the generation was interrupted before its first step, or an extension removed the images',
      hint: 'Resend; if it keeps happening, look at the WebUI console.',
    });
  }
  const seeds = info?.seeds.slice(0, images.length) ?? [];
  const result: ImagesResult = { kind: 'images', images };
  if (seeds[0] !== undefined) result.seed = seeds[0];
  if (seeds.length > 0) result.seeds = seeds;
  if (info) result.meta = { ...info.raw, seeds, infotexts: info.infotexts.slice(0, images.length) };
  const notice = info ? substitutionNotice(record.parameters, info.raw) : undefined;
  if (notice) result.notice = notice;
  return result;
}
