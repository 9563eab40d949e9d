import { base62Digest, unitFloat } from '../../deterministic';

/**
 * A synthetic organization: projects, API keys, the line items it spends on, and deterministic
 * daily cost records (a seeded hash of day, key and line item). The costs endpoint aggregates
 * these records; a later usage simulation can replace `costRecords` behind the same interface.
 */
export const FAKE_ORG_ID = 'org-fake';
const DAY = 86_400;

export type CostQuantityUnit =
	| 'tokens'
	| '1000_tokens'
	| 'duration_seconds'
	| 'duration_minutes'
	| 'duration_hours'
	| 'gibibyte_hours'
	| 'images'
	| 'characters';

export interface SyntheticProject {
	readonly id: string;
	readonly name: string;
	/** Unix seconds */
	readonly createdAt: number;
}

export interface SyntheticApiKey {
	readonly id: string;
	readonly name: string;
	readonly projectId: string;
	readonly createdAt: number;
}

export interface LineItem {
	/** as the costs endpoint reports it, e.g. 'gpt-4o-2024-08-06, input' */
	readonly name: string;
	readonly quantityUnit: CostQuantityUnit | null;
	/** price in micro-USD per unit of quantity */
	readonly microsPerUnit: number;
	/** typical quantity per key and day */
	readonly dailyQuantity: number;
}

/** One key's spend on one line item within a time range (the finest grain). */
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
	readonly projects: readonly SyntheticProject[];
	readonly apiKeys: readonly SyntheticApiKey[];
	readonly lineItems: readonly LineItem[];
	/**
	 * Cost records for [fromSec, toSec), which must lie within one UTC day.
	 * Partial days get the prorated share of the day's records. Some days have no records at all.
	 */
	costRecords(fromSec: number, toSec: number): CostRecord[];
}

const LINE_ITEMS: readonly LineItem[] = [
	{ name: 'gpt-4o-2024-08-06, input', quantityUnit: 'tokens', microsPerUnit: 2.5, dailyQuantity: 2_000_000 },
	{ name: 'gpt-4o-2024-08-06, cached input', quantityUnit: 'tokens', microsPerUnit: 1.25, dailyQuantity: 600_000 },
	{ name: 'gpt-4o-2024-08-06, output', quantityUnit: 'tokens', microsPerUnit: 10, dailyQuantity: 400_000 },
	{ name: 'gpt-4o-mini-2024-07-18, input', quantityUnit: 'tokens', microsPerUnit: 0.15, dailyQuantity: 8_000_000 },
	{ name: 'gpt-4o-mini-2024-07-18, output', quantityUnit: 'tokens', microsPerUnit: 0.6, dailyQuantity: 1_500_000 },
	{ name: 'gpt-4.1-2025-04-14, input', quantityUnit: 'tokens', microsPerUnit: 2, dailyQuantity: 1_000_000 },
	{ name: 'gpt-4.1-2025-04-14, output', quantityUnit: 'tokens', microsPerUnit: 8, dailyQuantity: 200_000 },
	{ name: 'text-embedding-3-small', quantityUnit: 'tokens', microsPerUnit: 0.02, dailyQuantity: 20_000_000 },
	{ name: 'whisper-1', quantityUnit: 'duration_minutes', microsPerUnit: 6_000, dailyQuantity: 300 },
	{ name: 'tts-1', quantityUnit: 'characters', microsPerUnit: 15, dailyQuantity: 200_000 },
	{ name: 'dall-e-3', quantityUnit: 'images', microsPerUnit: 40_000, dailyQuantity: 40 },
	{ name: 'web search tool calls', quantityUnit: null, microsPerUnit: 25_000, dailyQuantity: 100 },
	{ name: 'file search storage', quantityUnit: 'gibibyte_hours', microsPerUnit: 4_166.67, dailyQuantity: 48 },
];

const PROJECTS: ReadonlyArray<{ name: string; created: string; keys: string[] }> = [
	{ name: 'Default project', created: '2023-03-14T16:12:09Z', keys: ['default-key', 'ci-pipeline'] },
	{ name: 'Customer Support Bot', created: '2024-02-05T09:30:00Z', keys: ['support-prod', 'support-staging'] },
	{ name: 'Data Pipeline', created: '2024-09-18T12:00:00Z', keys: ['etl-batch'] },
	{ name: 'Research Sandbox', created: '2025-04-22T08:45:00Z', keys: ['notebooks', 'eval-runner'] },
];

export function createSyntheticOrg(seed = 'fake-openai'): SyntheticOrg {
	const projects: SyntheticProject[] = PROJECTS.map((project, index) => ({
		id: `proj_${base62Digest(24, seed, 'project', index)}`,
		name: project.name,
		createdAt: Date.parse(project.created) / 1000,
	}));
	const apiKeys: SyntheticApiKey[] = PROJECTS.flatMap((project, projectIndex) =>
		project.keys.map((name, keyIndex) => ({
			id: `key_${base62Digest(16, seed, 'key', projectIndex, keyIndex)}`,
			name,
			projectId: projects[projectIndex].id,
			createdAt: projects[projectIndex].createdAt + keyIndex * 3 * DAY,
		})),
	);
	const itemsByKey = new Map(apiKeys.map((key) => [key.id, lineItemsOf(seed, key.id)]));

	function costRecords(fromSec: number, toSec: number): CostRecord[] {
		const dayStart = Math.floor(fromSec / DAY) * DAY;
		if (toSec <= fromSec || toSec > dayStart + DAY) {
			throw new RangeError(`costRecords: [${fromSec}, ${toSec}) must be a non-empty range within one UTC day`);
		}
		const day = dayStart / DAY;
		if (unitFloat(seed, 'quiet-day', day) < 0.12) return [];
		const fraction = (toSec - fromSec) / DAY;
		const weekday = new Date(dayStart * 1000).getUTCDay();
		const weekFactor = weekday === 0 || weekday === 6 ? 0.4 : 1;
		const records: CostRecord[] = [];
		for (const key of apiKeys) {
			if (key.createdAt >= dayStart + DAY) continue;
			for (const item of itemsByKey.get(key.id) ?? []) {
				if (unitFloat(seed, 'active', day, key.id, item.name) >= 0.85) continue;
				const dailyQuantity = item.dailyQuantity * weekFactor * (0.3 + 1.4 * unitFloat(seed, 'volume', day, key.id, item.name));
				const quantity = Math.round(dailyQuantity * fraction);
				if (quantity <= 0) continue;
				records.push({
					projectId: key.projectId,
					apiKeyId: key.id,
					lineItem: item.name,
					quantityUnit: item.quantityUnit,
					quantity,
					amountMicros: Math.round(quantity * item.microsPerUnit),
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
		apiKeys,
		lineItems: LINE_ITEMS,
		costRecords,
	};
}

/** The line items a key spends on: a seeded subset (never empty). */
function lineItemsOf(seed: string, keyId: string): LineItem[] {
	const chosen = LINE_ITEMS.filter((item) => unitFloat(seed, 'uses', keyId, item.name) < 0.45);
	return chosen.length > 0 ? chosen : [LINE_ITEMS[Math.floor(unitFloat(seed, 'fallback', keyId) * LINE_ITEMS.length)]];
}
