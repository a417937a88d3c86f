/**
 * The models the user added by name, kept in IndexedDB (a database of their own, beside the
 * gallery's) with their schema documents and versions, and put into the registry as endpoints, so
 * every list (playground, gallery filters, Compare targets, sweeps) offers them. Each record is
 * stored as `{v, model}` and validated on load; one that fails is dropped with a notice.
 */
import { openDB } from 'idb';
import type { DBSchema, IDBPDatabase } from 'idb';
import { addedEndpoint, addedModelSchema, endpointIdOf, SCHEMA_PROVIDERS } from '../providers/schema-models/added-model';
import type { AddedModel } from '../providers/schema-models/added-model';
import { setAddedEndpoints } from '../providers/registry';
import type { EndpointDef } from '../providers/types';

export const MODELS_DB_NAME = 'image-playground-models';
const RECORD_VERSION = 1;

interface ModelsDB extends DBSchema {
  /** By endpoint id (`replicate/owner/name`, `fal/fal-ai/flux/dev`). */
  models: { key: string; value: { v: number; model: unknown } };
}

let dbPromise: Promise<IDBPDatabase<ModelsDB>> | undefined;
function db(): Promise<IDBPDatabase<ModelsDB>> {
  dbPromise ??= openDB<ModelsDB>(MODELS_DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('models');
    },
    blocking() {
      void dbPromise?.then((d) => d.close());
      dbPromise = undefined;
    },
  }).catch((e: unknown) => {
    dbPromise = undefined;
    throw e;
  });
  return dbPromise;
}

let models: readonly AddedModel[] = [];
/** Records that could not be read on load, in plain words (shown once by the models panel). */
let dropped: readonly string[] = [];
const listeners = new Set<() => void>();

export const addedModels = (): readonly AddedModel[] => models;
export const droppedModels = (): readonly string[] => dropped;
export function subscribeAddedModels(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The registry's added endpoints follow `list`; a record whose document no longer converts is left out. */
function publish(list: readonly AddedModel[]) {
  models = [...list].sort((a, b) => endpointIdOf(a).localeCompare(endpointIdOf(b)));
  for (const provider of SCHEMA_PROVIDERS) {
    const endpoints: EndpointDef[] = [];
    for (const m of models.filter((x) => x.provider === provider)) {
      try {
        endpoints.push(addedEndpoint(m));
      } catch {
        dropped = [...dropped, `${endpointIdOf(m)}: its kept schema cannot be read any more; Refresh or remove it.`];
      }
    }
    setAddedEndpoints(provider, endpoints);
  }
  for (const l of listeners) l();
}

let loaded: Promise<void> | undefined;
/** Reads the kept models once and puts them in the registry. Never throws: without storage there are none. */
export function loadAddedModels(): Promise<void> {
  loaded ??= (async () => {
    try {
      const d = await db();
      const [keys, values] = await Promise.all([d.getAllKeys('models'), d.getAll('models')]);
      const good: AddedModel[] = [];
      values.forEach((raw, i) => {
        const parsed = raw?.v === RECORD_VERSION ? addedModelSchema.safeParse(raw.model) : undefined;
        if (parsed?.success && endpointIdOf(parsed.data) === keys[i]) good.push(parsed.data);
        else dropped = [...dropped, `${String(keys[i]).slice(0, 120)}: the kept record is not one this version reads; add the model again.`];
      });
      publish(good);
    } catch {
      publish([]);
    }
  })();
  return loaded;
}

/** Keeps (adds or replaces) a model and makes it an endpoint at once. */
export async function keepModel(model: AddedModel): Promise<void> {
  const d = await db();
  await d.put('models', { v: RECORD_VERSION, model }, endpointIdOf(model));
  publish([...models.filter((m) => endpointIdOf(m) !== endpointIdOf(model)), model]);
}

/** Forgets a model: its endpoint leaves every list (its jobs stay in the gallery). */
export async function forgetModel(endpointId: string): Promise<void> {
  const d = await db();
  await d.delete('models', endpointId);
  publish(models.filter((m) => endpointIdOf(m) !== endpointId));
}
