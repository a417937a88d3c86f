/**
 * The optional requests a provider offers besides generating (`ProviderDef.extra`), as
 * TanStack Query options: its progress, polled while a synchronous request runs, and the
 * lists its server names (models, samplers) for the form's suggestions. Sent on the
 * provider's current route, like its jobs.
 */
import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { currentRoute } from '../api/current-route';
import { send } from '../api/http';
import { routedUrl } from '../api/route';
import { useProviderSettings } from '../api/settings-store';
import { getProvider } from '../providers/registry';
import type { HttpRequest, HttpResponse, ProgressInfo, ProviderDef, ResultImage } from '../providers/types';
import type { JobRecord } from './job-record';
import { queryKeys } from './queries';

/** How often a running request's progress is asked for. */
export const PROGRESS_POLL_MS = 500;

async function sendExtra(provider: ProviderDef, build: (args: { key: string; baseUrl: string }) => HttpRequest, signal?: AbortSignal): Promise<HttpResponse> {
  const route = await currentRoute(provider);
  if (route.problem) throw new Error(route.problem);
  const req = build({ key: route.key, baseUrl: route.baseUrl });
  const { url, extraHeaders } = routedUrl(route, req.url);
  return send(req, { url, extraHeaders, signal });
}

/** The preview as a data URL an <img> can show (bytes and base64 alike), or a link as is. */
export function previewSrc(image: ResultImage | undefined): string | undefined {
  if (!image) return undefined;
  if (image.type === 'url') return image.url;
  if (image.type === 'base64') return `data:${image.mime};base64,${image.data.replace(/^data:[^,]*,/, '')}`;
  let text = '';
  for (const b of image.bytes) text += String.fromCharCode(b);
  return `data:${image.mime};base64,${btoa(text)}`;
}

export interface JobProgressState extends ProgressInfo {
  /** The preview, ready for an <img>. */
  previewUrl?: string;
}

/** The server's progress of a job still sending, polled through the provider's `extra.progress`. */
export const serverProgressQuery = (job: Pick<JobRecord, 'id' | 'provider' | 'status'>) => {
  const provider = getProvider(job.provider);
  const progress = provider?.extra?.progress;
  return queryOptions({
    queryKey: queryKeys.jobProgress(job.id),
    queryFn: async ({ signal }): Promise<JobProgressState | null> => {
      if (!provider || !progress) return null;
      const info = progress.parse(await sendExtra(provider, progress.build, signal));
      return info ? { ...info, previewUrl: previewSrc(info.preview) } : null;
    },
    enabled: !!progress && job.status === 'sending',
    refetchInterval: PROGRESS_POLL_MS,
    refetchIntervalInBackground: true,
    // Between polls the last answer stays on screen; a failed poll is tried again at the next tick.
    placeholderData: (previous) => previous,
    retry: false,
    staleTime: 0,
    gcTime: 0,
  });
};

export function useServerProgress(job: JobRecord) {
  return useQuery(serverProgressQuery(job));
}

/** One list the provider's server offers (`extra.lists[name]`); its values, or an error when it does not answer. */
export const serverListQuery = (provider: ProviderDef, name: string, where: { mode: string; baseUrl: string }) =>
  queryOptions({
    queryKey: queryKeys.serverList(provider.id, name, where.mode, where.baseUrl),
    queryFn: async ({ signal }) => {
      const list = provider.extra?.lists?.[name];
      if (!list) return [];
      return list.parse(await sendExtra(provider, list.build, signal));
    },
    enabled: !!provider.extra?.lists?.[name],
    staleTime: 5 * 60_000,
    retry: false,
    refetchOnWindowFocus: false,
  });

/** The server's lists for the fields that name one: list name → values (absent while unknown or unanswered). */
export function useServerLists(providerId: string, names: readonly string[]): Record<string, string[]> {
  const provider = getProvider(providerId);
  const settings = useProviderSettings(providerId);
  const where = { mode: settings.mode, baseUrl: settings.baseUrl };
  const lists = provider?.extra?.lists ? names.filter((n) => provider.extra?.lists?.[n]) : [];
  const results = useQueries({ queries: lists.map((name) => serverListQuery(provider!, name, where)) });
  const out: Record<string, string[]> = {};
  lists.forEach((name, i) => {
    const data = results[i]?.data;
    if (data && data.length > 0) out[name] = data;
  });
  return out;
}
