import type { AreaFactory, FakeRequest, FakeResponse } from '../area';
import { invalidEnumValue, invalidType, missingParameter } from '../errors';
import { checkImageUrl } from './text/chatMessages';
import { estimateEmbedding, safeEstimate } from './text/estimates';
import { asObject, asString, bodyObject, describeType, isObject, rejectUnknownFields } from './text/fields';
import { badRequest, emptyArray } from './text/requestErrors';
import { resolveModel } from './text/textModels';
import { countTokens, IMAGE_TOKENS } from './text/tokens';

/**
 * POST /v1/moderations: a string, a list of strings (one result each) or a list of text and
 * image_url parts (one result for all of them). Deterministic classification: trigger words flag
 * their category (and its parent, e.g. violence/graphic -> violence) with a high score; everything
 * else gets small scores. Images are flagged by words in their URL. See text/README.md.
 */
export const MODERATION_CATEGORIES = [
	'harassment',
	'harassment/threatening',
	'hate',
	'hate/threatening',
	'illicit',
	'illicit/violent',
	'self-harm',
	'self-harm/instructions',
	'self-harm/intent',
	'sexual',
	'sexual/minors',
	'violence',
	'violence/graphic',
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

/** Categories the omni model also judges on images (the others are text-only, as live). */
const IMAGE_CATEGORIES: ReadonlySet<ModerationCategory> = new Set([
	'self-harm',
	'self-harm/instructions',
	'self-harm/intent',
	'sexual',
	'violence',
	'violence/graphic',
]);

/** Trigger words (whole words, case-insensitive) per category. */
export const MODERATION_TRIGGERS: Readonly<Record<ModerationCategory, readonly string[]>> = {
	harassment: ['idiot', 'stupid', 'loser'],
	'harassment/threatening': ['threaten', 'threatening'],
	hate: ['hate', 'hateful'],
	'hate/threatening': ['exterminate'],
	illicit: ['steal', 'drugs', 'shoplift'],
	'illicit/violent': ['bomb', 'weapon'],
	'self-harm': ['self-harm'],
	'self-harm/instructions': ['overdose'],
	'self-harm/intent': ['suicide'],
	sexual: ['sex', 'nsfw', 'explicit'],
	'sexual/minors': ['underage'],
	violence: ['kill', 'murder', 'attack', 'violent'],
	'violence/graphic': ['gore', 'bloody'],
};

const KNOWN_FIELDS = new Set(['input', 'model']);
const TEXT_ONLY_MODELS = /^text-moderation/;
const DEFAULT_MODEL = 'omni-moderation-latest';

interface ModerationInput {
	texts: string[];
	imageUrls: string[];
}

export const moderationsArea: AreaFactory = ({ ids, hash }) => {
	function classify(request: FakeRequest): FakeResponse {
		const body = bodyObject(request.body);
		rejectUnknownFields(body, KNOWN_FIELDS, 'modern');
		const modelId = body.model === undefined || body.model === null ? DEFAULT_MODEL : asString(body.model, 'model');
		const model = resolveModel(modelId);
		if (model.family !== 'moderation') {
			throw badRequest(`Invalid value for 'model': '${modelId}' is not a moderation model.`, 'model', 'invalid_value');
		}
		if (body.input === undefined || body.input === null) throw missingParameter('input');
		const inputs = readInputs(body.input);
		if (TEXT_ONLY_MODELS.test(modelId) && inputs.some((input) => input.imageUrls.length > 0)) {
			throw badRequest(`Model '${modelId}' does not support image inputs.`, 'input', 'invalid_value');
		}
		const results = inputs.map((input) => resultFor(input, (...parts) => hash('moderation', ...parts)));
		request.reportTokens(inputs.reduce((sum, input) => sum + tokensOf(input), 0));
		return { body: { id: ids.next('modr-', 29, JSON.stringify(body.input).slice(0, 200)), model: model.resolved, results } };
	}

	return {
		name: 'moderations',
		routes: [
			{
				method: 'POST',
				path: '/v1/moderations',
				auth: { kind: 'api' },
				billable: true,
				estimateTokens: ({ body }) => safeEstimate(body, estimateEmbedding),
				handle: classify,
			},
		],
	};
};

function readInputs(input: unknown): ModerationInput[] {
	if (typeof input === 'string') return [{ texts: [input], imageUrls: [] }];
	if (!Array.isArray(input)) throw invalidType('input', 'a string or an array', describeType(input));
	if (input.length === 0) throw emptyArray('input');
	if (input.every((entry) => typeof entry === 'string')) return (input as string[]).map((text) => ({ texts: [text], imageUrls: [] }));
	const combined: ModerationInput = { texts: [], imageUrls: [] };
	input.forEach((entry, index) => {
		const path = `input[${index}]`;
		const part = asObject(entry, path);
		const type = asString(part.type, `${path}.type`);
		if (type === 'text') {
			combined.texts.push(asString(part.text, `${path}.text`));
		} else if (type === 'image_url') {
			if (!isObject(part.image_url)) throw missingParameter(`${path}.image_url`);
			const url = asString(part.image_url.url, `${path}.image_url.url`);
			checkImageUrl(url, `${path}.image_url.url`);
			combined.imageUrls.push(url);
		} else {
			throw invalidEnumValue(`${path}.type`, type, ['text', 'image_url']);
		}
	});
	return [combined];
}

function tokensOf(input: ModerationInput): number {
	return input.texts.reduce((sum, text) => sum + countTokens(text), 0) + input.imageUrls.length * IMAGE_TOKENS;
}

const PARENT: Partial<Record<ModerationCategory, ModerationCategory>> = {
	'harassment/threatening': 'harassment',
	'hate/threatening': 'hate',
	'illicit/violent': 'illicit',
	'self-harm/instructions': 'self-harm',
	'self-harm/intent': 'self-harm',
	'sexual/minors': 'sexual',
	'violence/graphic': 'violence',
};

function triggered(text: string, category: ModerationCategory): boolean {
	const lower = text.toLowerCase();
	return MODERATION_TRIGGERS[category].some((word) => new RegExp(`(^|[^a-z])${word.replace('-', '\\-')}([^a-z]|$)`).test(lower));
}

function resultFor(input: ModerationInput, hash: (...parts: Array<string | number>) => number) {
	const text = input.texts.join('\n');
	const hits = new Set<ModerationCategory>();
	const hit = (category: ModerationCategory, source: 'text' | 'image') => {
		for (let current: ModerationCategory | undefined = category; current; current = PARENT[current]) {
			if (source === 'text' || IMAGE_CATEGORIES.has(current)) hits.add(current);
		}
	};
	for (const category of MODERATION_CATEGORIES) {
		if (input.texts.length > 0 && triggered(text, category)) hit(category, 'text');
		if (IMAGE_CATEGORIES.has(category) && input.imageUrls.some((url) => triggered(url.replace(/[^a-zA-Z-]+/g, ' '), category))) {
			hit(category, 'image');
		}
	}
	const categories = {} as Record<ModerationCategory, boolean>;
	const scores = {} as Record<ModerationCategory, number>;
	const applied = {} as Record<ModerationCategory, Array<'text' | 'image'>>;
	const key = `${text}\u0000${input.imageUrls.join('\u0000')}`;
	for (const category of MODERATION_CATEGORIES) {
		const flagged = hits.has(category);
		const jitter = hash(key, category) / 0x1_0000_0000;
		categories[category] = flagged;
		scores[category] = flagged ? round(0.6 + jitter * 0.39) : round(1e-6 + jitter * 0.002);
		const types: Array<'text' | 'image'> = [];
		if (input.texts.length > 0) types.push('text');
		if (input.imageUrls.length > 0 && IMAGE_CATEGORIES.has(category)) types.push('image');
		applied[category] = types;
	}
	return {
		flagged: hits.size > 0,
		categories,
		category_scores: scores,
		category_applied_input_types: applied,
	};
}

function round(value: number): number {
	return Number(value.toPrecision(6));
}
