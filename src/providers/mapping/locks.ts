/**
 * Locks: parameters the user keeps across endpoints, besides the prompts. Only roles Compare's
 * mapping knows can be locked (seed, size, steps, guidance); a locked value goes to the target
 * under its own name, fitted to its range, and each change is said (carryLocked).
 */
import type { EndpointDef, ParamRole } from '../types';
import { ALWAYS_CARRIED, carryRoles } from './carry-over';
import type { Carried } from './carry-over';
import { endpointFields } from './map-params';

export const LOCKS = [
  { id: 'seed', label: 'Seed', roles: ['seed'] },
  { id: 'size', label: 'Size', roles: ['width', 'height', 'size'] },
  { id: 'steps', label: 'Steps', roles: ['steps'] },
  { id: 'guidance', label: 'Guidance', roles: ['guidance'] },
] as const satisfies ReadonlyArray<{ id: string; label: string; roles: readonly ParamRole[] }>;

export type LockId = (typeof LOCKS)[number]['id'];
export const LOCK_IDS: readonly LockId[] = LOCKS.map((l) => l.id);

export function isLockId(value: unknown): value is LockId {
  return typeof value === 'string' && (LOCK_IDS as readonly string[]).includes(value);
}

/** The locks this endpoint has a field for, in the table's order. */
export function locksOf(endpoint: EndpointDef): LockId[] {
  const roles = new Set(endpointFields(endpoint).map((f) => f.role));
  return LOCKS.filter((l) => l.roles.some((r) => roles.has(r))).map((l) => l.id);
}

/** The roles that follow the user: the prompts always, and those of the locked parameters. */
export function carriedRoles(locked: readonly LockId[]): ParamRole[] {
  return [...ALWAYS_CARRIED, ...LOCKS.filter((l) => locked.includes(l.id)).flatMap((l) => l.roles)];
}

/**
 * What follows from `from`'s values to `to`: the prompt and negative prompt, and the locked
 * parameters, by role; numbers fitted to the target (with a note per change). A value the source
 * does not hold (a blank seed) is left to the target's draft.
 */
export function carryLocked(from: EndpointDef, values: Record<string, unknown>, to: EndpointDef, locked: readonly LockId[] = []): Carried {
  return carryRoles(from, values, to, carriedRoles(locked));
}
