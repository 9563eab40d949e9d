import type { FlatRow, NameLookup } from './rows';

/**
 * Names for the IDs in usage rows: project names, user emails, API key names, from the organization
 * lists (needs the admin key's api.management.read scope). Lists are read at most once per TTL; the
 * cache keeps only IDs that rows referenced, so it stays small.
 */
export interface NameSource {
	listProjects(): Promise<Array<{ id: string; name?: string | null }>>;
	listUsers(): Promise<Array<{ id: string; email?: string | null }>>;
	listProjectApiKeys(projectId: string): Promise<Array<{ id: string; name?: string | null }>>;
}

export interface NameCache extends NameLookup {
	/** When the lists were read (Unix s). */
	fetchedAt: number;
}

export const NAME_CACHE_TTL_SECONDS = 3_600;

export interface ReferencedIds {
	projects: Set<string>;
	users: Set<string>;
	apiKeys: Set<string>;
}

/** The IDs rows refer to (raw API results or flat rows). */
export function referencedIds(results: Array<Record<string, unknown>>): ReferencedIds {
	const ids: ReferencedIds = { projects: new Set(), users: new Set(), apiKeys: new Set() };
	for (const result of results) {
		const project = result.project_id ?? result.projectId;
		const user = result.user_id ?? result.userId;
		const apiKey = result.api_key_id ?? result.apiKeyId;
		if (typeof project === 'string') ids.projects.add(project);
		if (typeof user === 'string') ids.users.add(user);
		if (typeof apiKey === 'string') ids.apiKeys.add(apiKey);
	}
	return ids;
}

function covers(cache: NameCache, ids: ReferencedIds): boolean {
	const has = (map: Record<string, unknown>, set: Set<string>) => [...set].every((id) => id in map);
	return has(cache.projects, ids.projects) && has(cache.users, ids.users) && has(cache.apiKeys, ids.apiKeys);
}

export async function resolveNames(
	ids: ReferencedIds,
	cache: NameCache | undefined,
	source: NameSource,
	nowSec: number,
	ttlSeconds = NAME_CACHE_TTL_SECONDS,
): Promise<NameCache> {
	const fresh = cache && nowSec - cache.fetchedAt < ttlSeconds ? cache : undefined;
	if (fresh && covers(fresh, ids)) return fresh;
	const nothingToLook = ids.projects.size + ids.users.size + ids.apiKeys.size === 0;
	if (nothingToLook) return fresh ?? { fetchedAt: nowSec, projects: {}, users: {}, apiKeys: {} };

	const projects = await source.listProjects();
	const users = ids.users.size > 0 ? await source.listUsers() : [];
	const keys = new Map<string, string | null>();
	if (ids.apiKeys.size > 0) {
		for (const project of projects) {
			for (const key of await source.listProjectApiKeys(project.id)) keys.set(key.id, key.name ?? null);
		}
	}
	const projectNames = new Map(projects.map((project) => [project.id, project.name ?? null]));
	const userEmails = new Map(users.map((user) => [user.id, user.email ?? null]));
	const pick = (previous: Record<string, string | null> | undefined, wanted: Set<string>, all: Map<string, string | null>) => {
		const out: Record<string, string | null> = { ...(previous ?? {}) };
		for (const id of wanted) out[id] = all.get(id) ?? null;
		return out;
	};
	return {
		fetchedAt: nowSec,
		projects: pick(fresh?.projects, ids.projects, projectNames),
		users: pick(fresh?.users, ids.users, userEmails),
		apiKeys: pick(fresh?.apiKeys, ids.apiKeys, keys),
	};
}

export function isNameCache(value: unknown): value is NameCache {
	const cache = value as Partial<NameCache> | undefined;
	return (
		typeof cache === 'object' &&
		cache !== null &&
		typeof cache.fetchedAt === 'number' &&
		typeof cache.projects === 'object' &&
		typeof cache.users === 'object' &&
		typeof cache.apiKeys === 'object'
	);
}

/** Adds names to flat rows (and to the rows inside per-bucket items). */
export function enrichRows(rows: FlatRow[], names: NameLookup): FlatRow[] {
	return rows.map((row) => {
		if (Array.isArray(row.rows)) return { ...row, rows: enrichRows(row.rows as FlatRow[], names) };
		const out: FlatRow = {};
		for (const [field, value] of Object.entries(row)) {
			out[field] = value;
			if (field === 'projectId') out.projectName = typeof value === 'string' ? (names.projects[value] ?? null) : null;
			if (field === 'userId') out.userEmail = typeof value === 'string' ? (names.users[value] ?? null) : null;
			if (field === 'apiKeyId') out.apiKeyName = typeof value === 'string' ? (names.apiKeys[value] ?? null) : null;
		}
		return out;
	});
}
