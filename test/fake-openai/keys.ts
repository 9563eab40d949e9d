import { base62Digest } from './deterministic';

/** Scopes of admin keys that the fake checks. */
export const ADMIN_SCOPES = {
	usageRead: 'api.usage.read',
	managementRead: 'api.management.read',
	managementWrite: 'api.management.write',
} as const;

/** The demo keys every fresh (or reset) fake knows. */
export const FAKE_KEYS = {
	/** project API key (sk-proj-...) */
	project: 'sk-proj-fake-project-key-0001',
	/** legacy user API key (sk-...) */
	user: 'sk-fake-user-key-0002',
	/** admin key with api.usage.read + api.management.read + api.management.write */
	admin: 'sk-admin-fake-admin-key-0003',
	/** admin key with only api.management.read (usage & costs give 403) */
	adminNoUsageScope: 'sk-admin-fake-noscope-key-0004',
	/** project API key whose quota is exhausted (billable endpoints give 429 insufficient_quota) */
	noQuota: 'sk-proj-fake-noquota-key-0005',
	/** a revoked project API key (401 invalid_api_key) */
	revoked: 'sk-proj-fake-revoked-key-0006',
} as const;

export type KeyKind = 'api' | 'admin';

export interface KeyRecord {
	readonly key: string;
	readonly kind: KeyKind;
	/** the key's object id (key_...), as usage/costs rows report it in api_key_id */
	readonly id: string;
	/** project of an API key; null for admin keys */
	readonly projectId: string | null;
	readonly scopes: readonly string[];
	revoked: boolean;
	quotaExhausted: boolean;
}

export interface ApiKeyOptions {
	/** project id (proj_...); defaults to the synthetic org's default project */
	project?: string;
}

export interface AdminKeyOptions {
	scopes: readonly string[];
}

export class KeyRegistry {
	private readonly keys = new Map<string, KeyRecord>();

	constructor(private readonly defaultProjectId: string) {
		this.resetToDefaults();
	}

	addApiKey(key: string, options: ApiKeyOptions = {}): KeyRecord {
		return this.put({
			key: assertKey(key),
			kind: 'api',
			id: keyId(key),
			projectId: options.project ?? this.defaultProjectId,
			scopes: [],
			revoked: false,
			quotaExhausted: false,
		});
	}

	addAdminKey(key: string, options: AdminKeyOptions): KeyRecord {
		if (!options || !Array.isArray(options.scopes)) throw new TypeError('addAdminKey: options.scopes must be an array');
		return this.put({
			key: assertKey(key),
			kind: 'admin',
			id: keyId(key),
			projectId: null,
			scopes: [...options.scopes],
			revoked: false,
			quotaExhausted: false,
		});
	}

	revoke(key: string): void {
		this.require(key).revoked = true;
	}

	setQuotaExhausted(key: string, exhausted: boolean): void {
		this.require(key).quotaExhausted = exhausted;
	}

	get(key: string): KeyRecord | undefined {
		return this.keys.get(key);
	}

	list(): KeyRecord[] {
		return [...this.keys.values()];
	}

	resetToDefaults(): void {
		this.keys.clear();
		this.addApiKey(FAKE_KEYS.project);
		this.addApiKey(FAKE_KEYS.user);
		this.addAdminKey(FAKE_KEYS.admin, { scopes: [ADMIN_SCOPES.usageRead, ADMIN_SCOPES.managementRead, ADMIN_SCOPES.managementWrite] });
		this.addAdminKey(FAKE_KEYS.adminNoUsageScope, { scopes: [ADMIN_SCOPES.managementRead] });
		this.addApiKey(FAKE_KEYS.noQuota);
		this.setQuotaExhausted(FAKE_KEYS.noQuota, true);
		this.addApiKey(FAKE_KEYS.revoked);
		this.revoke(FAKE_KEYS.revoked);
	}

	private put(record: KeyRecord): KeyRecord {
		this.keys.set(record.key, record);
		return record;
	}

	private require(key: string): KeyRecord {
		const record = this.keys.get(key);
		if (!record) throw new Error(`Unknown fake key: ${key}`);
		return record;
	}
}

function assertKey(key: string): string {
	if (typeof key !== 'string' || key.length === 0 || /\s/.test(key)) {
		throw new TypeError('A fake key must be a non-empty string without whitespace');
	}
	return key;
}

function keyId(key: string): string {
	return `key_${base62Digest(16, 'api-key-id', key)}`;
}
