import { hash32, unitFloat } from '../../deterministic';
import type { StreamDimensions, StreamLineItem, UsageEndpointName, UsageStream } from './usageModel';

/**
 * What the fake organization uses: a catalogue of products (a usage endpoint with model and variant,
 * metrics per request, line items with prices per request), and which API key uses which product.
 */
interface Product {
	id: string;
	endpoint: UsageEndpointName;
	dims: StreamDimensions;
	perRequest: Record<string, number>;
	lineItems: StreamLineItem[];
	hourlyRate: number;
	/** Needs a vector store of the key's project. */
	needsVectorStore?: boolean;
}

function tokens(name: string, quantity: number, microsPerToken: number): StreamLineItem {
	return { name, quantityUnit: 'tokens', quantityPerRequest: quantity, microsPerRequest: Math.round(quantity * microsPerToken) };
}

function completion(
	model: string,
	variant: { batch: boolean; tier: string; priceFactor: number; suffix?: string },
	t: { input: number; cached: number; write: number; output: number; audio?: number; image?: number },
	prices: { input: number; cached: number; output: number },
): Product {
	const uncached = t.input - t.cached - t.write;
	const audio = t.audio ?? 0;
	const image = t.image ?? 0;
	const cachedAudio = Math.min(audio, Math.floor(t.cached / 40));
	const cachedImage = Math.min(image, Math.floor(t.cached / 40));
	const outAudio = audio > 0 ? 10 : 0;
	const label = variant.suffix ? `${model}, ${variant.suffix} ` : `${model}, `;
	return {
		id: `completions:${model}:${variant.batch}:${variant.tier}`,
		endpoint: 'completions',
		dims: { model, batch: variant.batch, service_tier: variant.tier },
		perRequest: {
			input_tokens: t.input,
			input_cached_tokens: t.cached,
			input_cache_write_tokens: t.write,
			input_uncached_tokens: uncached,
			output_tokens: t.output,
			input_text_tokens: uncached - audio - image,
			output_text_tokens: t.output - outAudio,
			input_cached_text_tokens: t.cached - cachedAudio - cachedImage,
			input_audio_tokens: audio,
			input_cached_audio_tokens: cachedAudio,
			output_audio_tokens: outAudio,
			input_image_tokens: image,
			input_cached_image_tokens: cachedImage,
			output_image_tokens: 0,
			num_model_requests: 1,
		},
		lineItems: [
			tokens(`${label}input`, t.input - t.cached, prices.input * variant.priceFactor),
			tokens(`${label}cached input`, t.cached, prices.cached * variant.priceFactor),
			tokens(`${label}output`, t.output, prices.output * variant.priceFactor),
		],
		hourlyRate: 60,
	};
}

const STANDARD = { batch: false, tier: 'default', priceFactor: 1 };

export const PRODUCTS: readonly Product[] = [
	completion('gpt-4o-2024-08-06', STANDARD, { input: 1200, cached: 400, write: 100, output: 300, audio: 40, image: 20 }, { input: 2.5, cached: 1.25, output: 10 }),
	completion('gpt-4o-mini-2024-07-18', STANDARD, { input: 900, cached: 300, write: 0, output: 250 }, { input: 0.15, cached: 0.075, output: 0.6 }),
	completion('gpt-4o-mini-2024-07-18', { batch: true, tier: 'default', priceFactor: 0.5, suffix: 'batch' }, { input: 1500, cached: 0, write: 0, output: 400 }, { input: 0.15, cached: 0.075, output: 0.6 }),
	completion('gpt-4.1-2025-04-14', { batch: false, tier: 'flex', priceFactor: 0.5, suffix: 'flex' }, { input: 2000, cached: 800, write: 200, output: 400 }, { input: 2, cached: 0.5, output: 8 }),
	{
		id: 'embeddings:text-embedding-3-small',
		endpoint: 'embeddings',
		dims: { model: 'text-embedding-3-small' },
		perRequest: { input_tokens: 500, num_model_requests: 1 },
		lineItems: [tokens('text-embedding-3-small', 500, 0.02)],
		hourlyRate: 40,
	},
	{
		id: 'moderations:omni-moderation-latest',
		endpoint: 'moderations',
		dims: { model: 'omni-moderation-latest' },
		perRequest: { input_tokens: 150, num_model_requests: 1 },
		lineItems: [],
		hourlyRate: 30,
	},
	{
		id: 'images:dall-e-3:generation',
		endpoint: 'images',
		dims: { model: 'dall-e-3', size: '1024x1024', source: 'image.generation' },
		perRequest: { images: 1, num_model_requests: 1 },
		lineItems: [{ name: 'dall-e-3', quantityUnit: 'images', quantityPerRequest: 1, microsPerRequest: 40_000 }],
		hourlyRate: 4,
	},
	{
		id: 'images:dall-e-2:edit',
		endpoint: 'images',
		dims: { model: 'dall-e-2', size: '512x512', source: 'image.edit' },
		perRequest: { images: 2, num_model_requests: 1 },
		lineItems: [{ name: 'dall-e-2', quantityUnit: 'images', quantityPerRequest: 2, microsPerRequest: 36_000 }],
		hourlyRate: 3,
	},
	{
		id: 'audio_speeches:tts-1',
		endpoint: 'audio_speeches',
		dims: { model: 'tts-1' },
		perRequest: { characters: 900, num_model_requests: 1 },
		lineItems: [{ name: 'tts-1', quantityUnit: 'characters', quantityPerRequest: 900, microsPerRequest: 13_500 }],
		hourlyRate: 6,
	},
	{
		id: 'audio_transcriptions:whisper-1',
		endpoint: 'audio_transcriptions',
		dims: { model: 'whisper-1' },
		perRequest: { seconds: 45, num_model_requests: 1 },
		lineItems: [{ name: 'whisper-1', quantityUnit: 'duration_seconds', quantityPerRequest: 45, microsPerRequest: 4_500 }],
		hourlyRate: 8,
	},
	{
		id: 'code_interpreter_sessions',
		endpoint: 'code_interpreter_sessions',
		dims: {},
		perRequest: { num_sessions: 1 },
		lineItems: [{ name: 'code interpreter sessions', quantityUnit: null, quantityPerRequest: 1, microsPerRequest: 30_000 }],
		hourlyRate: 3,
	},
	{
		id: 'file_search_calls',
		endpoint: 'file_search_calls',
		dims: {},
		perRequest: { num_requests: 1 },
		lineItems: [{ name: 'file search tool calls', quantityUnit: null, quantityPerRequest: 1, microsPerRequest: 2_500 }],
		hourlyRate: 10,
		needsVectorStore: true,
	},
	...(['low', 'medium', 'high'] as const).map(
		(level): Product => ({
			id: `web_search_calls:${level}`,
			endpoint: 'web_search_calls',
			dims: { model: 'gpt-4o-2024-08-06', context_level: level },
			perRequest: { num_model_requests: 1, num_requests: 2 },
			lineItems: [{ name: 'web search tool calls', quantityUnit: null, quantityPerRequest: 2, microsPerRequest: 50_000 }],
			hourlyRate: 4,
		}),
	),
];

export const STORAGE_LINE_ITEM: Omit<StreamLineItem, 'quantityPerRequest' | 'microsPerRequest'> = {
	name: 'file search storage',
	quantityUnit: 'gibibyte_hours',
};

export interface StreamKey {
	id: string;
	projectId: string;
	ownerUserId: string | null;
	createdAt: number;
}

/** Which key uses which product: a seeded ~45% of the pairs, and every product by at least one key. */
export function buildStreams(
	seed: string,
	keys: readonly StreamKey[],
	vectorStores: ReadonlyArray<{ id: string; projectId: string }>,
	storageGiB: (projectId: string, day: number) => number,
): UsageStream[] {
	const streams: UsageStream[] = [];
	const add = (stream: Omit<UsageStream, 'index' | 'activity'> & { activity?: number }) =>
		streams.push({ activity: 0.7, ...stream, index: streams.length });
	for (const product of PRODUCTS) {
		const eligible = keys.filter((key) => !product.needsVectorStore || vectorStores.some((vs) => vs.projectId === key.projectId));
		let chosen = eligible.filter((key) => unitFloat(seed, 'uses', key.id, product.id) < 0.45);
		if (chosen.length === 0 && eligible.length > 0) chosen = [eligible[hash32(seed, 'fallback', product.id) % eligible.length]];
		for (const key of chosen) {
			const stores = vectorStores.filter((vs) => vs.projectId === key.projectId);
			const store = product.needsVectorStore ? stores[hash32(seed, 'store', key.id) % stores.length] : undefined;
			add({
				endpoint: product.endpoint,
				projectId: key.projectId,
				apiKeyId: key.id,
				userId: key.ownerUserId,
				dims: store ? { ...product.dims, vector_store_id: store.id } : product.dims,
				perRequest: product.perRequest,
				lineItems: product.lineItems,
				hourlyRate: product.hourlyRate * (0.5 + unitFloat(seed, 'rate', key.id, product.id)),
				activeFrom: key.createdAt,
			});
		}
	}
	for (const projectId of [...new Set(vectorStores.map((vs) => vs.projectId))]) {
		const key = keys.find((candidate) => candidate.projectId === projectId);
		if (!key) continue;
		add({
			endpoint: null,
			projectId,
			apiKeyId: key.id,
			userId: null,
			dims: {},
			perRequest: {},
			lineItems: [{ ...STORAGE_LINE_ITEM, quantityPerRequest: 1, microsPerRequest: 4_167 }],
			hourlyRate: 0,
			activity: 1,
			activeFrom: key.createdAt,
			uniform: true,
			level: (day) => storageGiB(projectId, day),
		});
	}
	return streams;
}
