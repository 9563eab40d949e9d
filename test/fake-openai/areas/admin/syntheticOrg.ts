import { base62Digest, hash32 } from '../../deterministic';
import type { AuditEvent } from './auditLog';
import { auditEvents } from './auditLog';
import type { CostQuantityUnit, UsageEndpointName, UsageStream } from './usageModel';
import { DAY, UsageModel, mixInts } from './usageModel';
import { PRODUCTS, STORAGE_LINE_ITEM, buildStreams } from './usageStreams';

/**
 * A synthetic organization: projects, users, service accounts, API keys, admin keys, vector stores,
 * rate limits, an audit log, and months of deterministic usage and costs (see usageModel.ts) that
 * every usage endpoint and the costs endpoint report consistently.
 */
export const FAKE_ORG_ID = 'org-fake';

export type { CostQuantityUnit, UsageEndpointName };

export interface SyntheticProject {
	readonly id: string;
	readonly name: string;
	/** Unix seconds */
	readonly createdAt: number;
	readonly archivedAt: number | null;
}

export interface SyntheticUser {
	readonly id: string;
	readonly name: string;
	readonly email: string;
	readonly role: 'owner' | 'reader';
	readonly addedAt: number;
}

export interface SyntheticServiceAccount {
	readonly id: string;
	readonly name: string;
	readonly projectId: string;
	readonly createdAt: number;
}

export interface SyntheticApiKey {
	readonly id: string;
	readonly name: string;
	readonly projectId: string;
	readonly createdAt: number;
	/** The user owning the key, or null for a service account key. */
	readonly ownerUserId: string | null;
	readonly ownerServiceAccountId: string | null;
	/** Whether the owner still has access to the project (the key stays enabled either way). */
	readonly ownerProjectAccess: 'active' | 'inactive';
	readonly redactedValue: string;
}

export interface SyntheticAdminKey {
	readonly id: string;
	readonly name: string;
	readonly redactedValue: string;
	readonly createdAt: number;
	readonly expiresAt: number | null;
	readonly lastUsedAt: number | null;
	readonly ownerUserId: string;
}

export interface SyntheticRateLimit {
	readonly id: string;
	readonly model: string;
	readonly max_requests_per_1_minute: number;
	readonly max_tokens_per_1_minute: number;
	readonly max_images_per_1_minute?: number;
	readonly max_audio_megabytes_per_1_minute?: number;
	readonly max_requests_per_1_day?: number;
	readonly batch_1_day_max_input_tokens?: number;
}

export interface LineItem {
	/** as the costs endpoint reports it, e.g. 'gpt-4o-2024-08-06, input' */
	readonly name: string;
	readonly quantityUnit: CostQuantityUnit | null;
}

/** One stream's spend on one line item within a time range (the finest grain of costs). */
export interface CostRecord {
	readonly projectId: string;
	readonly apiKeyId: string;
	readonly lineItem: string;
	readonly quantityUnit: CostQuantityUnit | null;
	readonly quantity: number;
	/** integer micro-USD, so sums stay exact */
	readonly amountMicros: number;
}

export interface SyntheticOrg {
	readonly id: string;
	readonly name: string;
	readonly createdAt: number;
	readonly defaultProjectId: string;
	/** Active projects first, in creation order; the archived one last. */
	readonly projects: readonly SyntheticProject[];
	readonly users: readonly SyntheticUser[];
	readonly serviceAccounts: readonly SyntheticServiceAccount[];
	readonly apiKeys: readonly SyntheticApiKey[];
	readonly vectorStores: ReadonlyArray<{ id: string; projectId: string }>;
	readonly lineItems: readonly LineItem[];
	readonly usage: UsageModel;
	/** Admin keys; expiry dates are relative to `now` (some expire within 30 days). */
	adminKeys(now: number): SyntheticAdminKey[];
	rateLimits(projectId: string): SyntheticRateLimit[];
	/** The audit log up to `now`, newest first. */
	auditLog(now: number): AuditEvent[];
	/** Bytes of vector store storage of a project on a UTC day (0 on quiet days). */
	storageBytes(projectId: string, day: number): number;
	/**
	 * Cost records for [fromSec, toSec), which must lie within one UTC day, as visible at `now`
	 * (default: `toSec`). Days without any usage have no records at all.
	 */
	costRecords(fromSec: number, toSec: number, now?: number): CostRecord[];
}

const PROJECTS: ReadonlyArray<{ name: string; created: string; archived?: string; keys: string[] }> = [
	{ name: 'Default project', created: '2023-03-14T16:12:09Z', keys: ['default-key', 'ci-pipeline'] },
	{ name: 'Customer Support Bot', created: '2024-02-05T09:30:00Z', keys: ['support-prod', 'support-staging'] },
	{ name: 'Data Pipeline', created: '2024-09-18T12:00:00Z', keys: ['etl-batch'] },
	{ name: 'Research Sandbox', created: '2025-04-22T08:45:00Z', keys: ['notebooks', 'eval-runner'] },
	{ name: 'Legacy Prototype', created: '2023-05-02T10:00:00Z', archived: '2025-08-01T00:00:00Z', keys: [] },
];

const USERS: ReadonlyArray<{ name: string; role: 'owner' | 'reader'; added: string }> = [
	{ name: 'Ada Lovelace', role: 'owner', added: '2023-03-14T16:00:00Z' },
	{ name: 'Grace Hopper', role: 'owner', added: '2023-06-01T09:00:00Z' },
	{ name: 'Alan Turing', role: 'reader', added: '2024-01-10T10:30:00Z' },
	{ name: 'Katherine Johnson', role: 'reader', added: '2024-05-20T14:00:00Z' },
	{ name: 'Margaret Hamilton', role: 'reader', added: '2025-03-03T08:15:00Z' },
	{ name: 'Linus Torvalds', role: 'reader', added: '2025-09-09T12:00:00Z' },
];

/** Key name → owner: a user (by index) or a service account, and the owner's access to the project. */
const KEY_OWNERS: Readonly<Record<string, { user?: number; serviceAccount?: string; access?: 'inactive' }>> = {
	'default-key': { user: 0 },
	'ci-pipeline': { serviceAccount: 'ci-bot' },
	'support-prod': { user: 1 },
	'support-staging': { user: 2 },
	'etl-batch': { serviceAccount: 'etl-runner' },
	notebooks: { user: 3 },
	'eval-runner': { user: 4, access: 'inactive' },
};

const ADMIN_KEYS: ReadonlyArray<{ name: string; created: string; expiresInDays: number | null; usedDaysAgo: number | null }> = [
	{ name: 'Usage collector', created: '2025-06-01T12:00:00Z', expiresInDays: null, usedDaysAgo: 0 },
	{ name: 'Terraform', created: '2025-09-15T09:00:00Z', expiresInDays: 12, usedDaysAgo: 3 },
	{ name: 'Finance export', created: '2025-11-02T08:00:00Z', expiresInDays: 3, usedDaysAgo: 1 },
	{ name: 'Old automation', created: '2024-12-01T10:00:00Z', expiresInDays: 90, usedDaysAgo: null },
];

const RATE_LIMIT_MODELS: ReadonlyArray<[string, 'text' | 'image' | 'audio' | 'embedding']> = [
	['dall-e-3', 'image'],
	['gpt-4.1', 'text'],
	['gpt-4.1-mini', 'text'],
	['gpt-4o', 'text'],
	['gpt-4o-mini', 'text'],
	['gpt-image-1', 'image'],
	['o3', 'text'],
	['o4-mini', 'text'],
	['omni-moderation-latest', 'text'],
	['text-embedding-3-small', 'embedding'],
	['tts-1', 'audio'],
	['whisper-1', 'audio'],
];

const parseTime = (iso: string) => Date.parse(iso) / 1000;

export function createSyntheticOrg(seed = 'fake-openai'): SyntheticOrg {
	const projects: SyntheticProject[] = PROJECTS.map((project, index) => ({
		id: `proj_${base62Digest(24, seed, 'project', index)}`,
		name: project.name,
		createdAt: parseTime(project.created),
		archivedAt: project.archived ? parseTime(project.archived) : null,
	}));
	const users: SyntheticUser[] = USERS.map((user, index) => ({
		id: `user-${base62Digest(24, seed, 'user', index)}`,
		name: user.name,
		email: `${user.name.split(' ')[0].toLowerCase()}@fake-org.example`,
		role: user.role,
		addedAt: parseTime(user.added),
	}));
	const serviceAccounts: SyntheticServiceAccount[] = [];
	const apiKeys: SyntheticApiKey[] = PROJECTS.flatMap((project, projectIndex) =>
		project.keys.map((name, keyIndex) => {
			const owner = KEY_OWNERS[name] ?? { user: 0 };
			const createdAt = projects[projectIndex].createdAt + keyIndex * 3 * DAY;
			let serviceAccountId: string | null = null;
			if (owner.serviceAccount) {
				serviceAccountId = `user-${base62Digest(24, seed, 'service-account', name)}`;
				serviceAccounts.push({ id: serviceAccountId, name: owner.serviceAccount, projectId: projects[projectIndex].id, createdAt });
			}
			const id = `key_${base62Digest(16, seed, 'key', projectIndex, keyIndex)}`;
			return {
				id,
				name,
				projectId: projects[projectIndex].id,
				createdAt,
				ownerUserId: owner.user === undefined ? null : users[owner.user].id,
				ownerServiceAccountId: serviceAccountId,
				ownerProjectAccess: owner.access ?? 'active',
				redactedValue: `sk-proj-${'*'.repeat(6)}${base62Digest(4, seed, 'redacted', id)}`,
			};
		}),
	);
	const vectorStores = [0, 0, 1, 3].map((projectIndex, index) => ({
		id: `vs_${base62Digest(24, seed, 'vector-store', index)}`,
		projectId: projects[projectIndex].id,
	}));
	const storageBase = new Map(projects.map((project) => [project.id, 2 + (hash32(seed, 'storage-base', project.id) % 20)]));
	const storageTag = hash32(seed, 'storage-bytes');
	const storageGiB = (projectId: string, day: number) =>
		(storageBase.get(projectId) ?? 2) + Math.max(0, Math.floor((day - 19_000) / 30));
	const streams: UsageStream[] = buildStreams(
		seed,
		apiKeys.map((key) => ({ id: key.id, projectId: key.projectId, ownerUserId: key.ownerUserId, createdAt: key.createdAt })),
		vectorStores,
		storageGiB,
	);
	const usage = new UsageModel(seed, streams);
	const lineItems = uniqueLineItems(streams);
	const adminKeyIds = ADMIN_KEYS.map((_, index) => `key_${base62Digest(16, seed, 'admin-key', index)}`);
	const auditContext = { projects: projects.filter((project) => project.archivedAt === null), users, apiKeys, adminKeyIds };
	const auditDays = new Map<number, AuditEvent[]>();

	function costRecords(fromSec: number, toSec: number, now = toSec): CostRecord[] {
		const dayStart = Math.floor(fromSec / DAY) * DAY;
		if (toSec <= fromSec || toSec > dayStart + DAY) {
			throw new RangeError(`costRecords: [${fromSec}, ${toSec}) must be a non-empty range within one UTC day`);
		}
		const records: CostRecord[] = [];
		for (const stream of streams) {
			if (stream.lineItems.length === 0) continue;
			const requests = usage.requests(stream, fromSec, toSec, now);
			if (requests === 0) continue;
			for (const item of stream.lineItems) {
				records.push({
					projectId: stream.projectId,
					apiKeyId: stream.apiKeyId,
					lineItem: item.name,
					quantityUnit: item.quantityUnit,
					quantity: requests * item.quantityPerRequest,
					amountMicros: requests * item.microsPerRequest,
				});
			}
		}
		return records;
	}

	return {
		id: FAKE_ORG_ID,
		name: 'Fake Org',
		createdAt: projects[0].createdAt,
		defaultProjectId: projects[0].id,
		projects,
		users,
		serviceAccounts,
		apiKeys,
		vectorStores,
		lineItems,
		usage,
		adminKeys: (now) => {
			const today = Math.floor(now / DAY) * DAY;
			return ADMIN_KEYS.map((key, index) => ({
				id: adminKeyIds[index],
				name: key.name,
				redactedValue: `sk-admin...${base62Digest(3, seed, 'admin-redacted', index)}`,
				createdAt: parseTime(key.created),
				expiresAt: key.expiresInDays === null ? null : today + key.expiresInDays * DAY,
				lastUsedAt: key.usedDaysAgo === null ? null : today - key.usedDaysAgo * DAY + 3_600,
				ownerUserId: users[0].id,
			}));
		},
		rateLimits: (projectId) =>
			RATE_LIMIT_MODELS.map(([model, kind]) => {
				const factor = 1 + (hash32(seed, 'rate-limit', projectId, model) % 4);
				return {
					id: `rl-${model}`,
					model,
					max_requests_per_1_minute: 500 * factor,
					max_tokens_per_1_minute: kind === 'image' || kind === 'audio' ? 0 : 200_000 * factor,
					...(kind === 'image' ? { max_images_per_1_minute: 5 * factor } : {}),
					...(kind === 'audio' ? { max_audio_megabytes_per_1_minute: 100 * factor } : {}),
					...(kind === 'text' ? { max_requests_per_1_day: 10_000 * factor, batch_1_day_max_input_tokens: 2_000_000 * factor } : {}),
				};
			}),
		auditLog: (now) => auditEvents(seed, auditContext, now, auditDays),
		storageBytes: (projectId, day) => {
			if (usage.isQuietDay(day)) return 0;
			const stream = streams.find((candidate) => candidate.level && candidate.projectId === projectId);
			if (!stream?.level || day * DAY + DAY <= stream.activeFrom) return 0;
			const projectIndex = projects.findIndex((project) => project.id === projectId);
			return stream.level(day) * 2 ** 30 + (mixInts(storageTag, day, projectIndex) % 2 ** 20);
		},
		costRecords,
	};
}

function uniqueLineItems(streams: readonly UsageStream[]): LineItem[] {
	const byName = new Map<string, LineItem>();
	for (const stream of streams) {
		for (const item of stream.lineItems) byName.set(item.name, { name: item.name, quantityUnit: item.quantityUnit });
	}
	for (const product of PRODUCTS) for (const item of product.lineItems) byName.set(item.name, { name: item.name, quantityUnit: item.quantityUnit });
	byName.set(STORAGE_LINE_ITEM.name, { ...STORAGE_LINE_ITEM });
	return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
}
