import type { AreaFactory, FakeRequest, FakeResponse } from '../area';
import { hexDigest } from '../deterministic';
import { invalidType, missingParameter } from '../errors';
import { lineHandlers } from './media/lineHandlers';
import { estimateCompletion, safeEstimate } from './text/estimates';
import { asString, bodyObject, describeType, read, rejectUnknownFields } from './text/fields';
import { echoReply, limitOutput, readStop, replyTag } from './text/generate';
import { completionLogprobs } from './text/logprobs';
import { badRequest, chatModelOnCompletions, emptyArray } from './text/requestErrors';
import { chatStyleStream, textDeltas } from './text/sse';
import { resolveModel, type TextModel } from './text/textModels';
import { countTokens } from './text/tokens';

/**
 * POST /v1/completions (legacy; gpt-3.5-turbo-instruct, davinci-002, babbage-002 and their fine-tunes):
 * prompt string | string[] | token array(s), suffix, max_tokens (default 16), temperature, top_p, n,
 * best_of, stop, echo, logprobs (0-5), seed, stream. The generated text is " Echo: <words> [tag]",
 * cut by stop sequences and max_tokens (finish_reason 'length'). Choices are ordered prompt by prompt.
 */
const KNOWN_FIELDS = new Set([
	'model', 'prompt', 'best_of', 'echo', 'frequency_penalty', 'logit_bias', 'logprobs', 'max_tokens', 'n',
	'presence_penalty', 'seed', 'stop', 'stream', 'stream_options', 'suffix', 'temperature', 'top_p', 'user',
]);
const DEFAULT_MAX_TOKENS = 16;

interface Prompt {
	text: string;
	tokens: number;
}

export const completionsArea: AreaFactory = (context) => {
	const { clock, ids, hash } = context;
	function complete(request: FakeRequest): FakeResponse {
		const body = bodyObject(request.body);
		rejectUnknownFields(body, KNOWN_FIELDS, 'legacy');
		if (body.model === undefined || body.model === null) throw missingParameter('model');
		const model = resolveModel(asString(body.model, 'model'));
		if (model.family === 'chat') throw chatModelOnCompletions();
		if (model.family !== 'instruct') {
			throw badRequest('This model is not supported in the v1/completions endpoint.', 'model', 'invalid_value');
		}
		const prompts = readPrompts(body.prompt);
		const temperature = read.decimal(body, 'temperature', { min: 0, max: 2 });
		read.decimal(body, 'top_p', { min: 0, max: 1 });
		read.decimal(body, 'presence_penalty', { min: -2, max: 2 });
		read.decimal(body, 'frequency_penalty', { min: -2, max: 2 });
		const n = read.integer(body, 'n', { min: 1, max: 128 }) ?? 1;
		const bestOf = read.integer(body, 'best_of', { min: 0, max: 20 });
		if (bestOf !== undefined && bestOf < n) {
			throw badRequest('best_of must be greater than or equal to n.', 'best_of', 'invalid_value');
		}
		const maxTokens = read.integer(body, 'max_tokens', { min: 0 }) ?? DEFAULT_MAX_TOKENS;
		const logprobs = read.integer(body, 'logprobs', { min: 0, max: 5 });
		const echo = read.boolean(body, 'echo') ?? false;
		const suffix = read.string(body, 'suffix');
		const seed = read.integer(body, 'seed');
		const stream = read.boolean(body, 'stream') ?? false;
		const includeUsage = read.object(body, 'stream_options')?.include_usage === true;
		read.object(body, 'logit_bias');
		read.string(body, 'user');
		const stop = readStop(body);
		checkContext(model, prompts, maxTokens);

		let promptTokens = 0;
		let completionTokens = 0;
		const choices = prompts.flatMap((prompt, promptIndex) => {
			promptTokens += prompt.tokens;
			return Array.from({ length: n }, (_, choiceIndex) => {
				const variant = temperature === 0 ? 0 : choiceIndex;
				const choiceSeed = hash('completion', model.resolved, prompt.text, suffix ?? '', seed ?? '', variant);
				const output = limitOutput(` ${echoReply(prompt.text, 1, replyTag(choiceSeed))}`, maxTokens, stop);
				completionTokens += countTokens(output.text);
				const text = echo ? prompt.text + output.text : output.text;
				return {
					text,
					index: promptIndex * n + choiceIndex,
					logprobs: logprobs === undefined ? null : completionLogprobs(text, logprobs, String(choiceSeed)),
					finish_reason: output.finish,
				};
			});
		});
		const usage = { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
		request.reportTokens(usage.total_tokens);
		const completion = {
			id: ids.next('cmpl-', 29, model.resolved),
			object: 'text_completion' as const,
			created: clock.nowSeconds(),
			model: model.resolved,
			system_fingerprint: `fp_${hexDigest(10, model.resolved)}`,
			choices,
			usage,
		};
		return stream ? streamOf(completion, includeUsage) : { body: completion };
	}

	lineHandlers(context).set('/v1/completions', complete);
	return {
		name: 'completions',
		routes: [
			{
				method: 'POST',
				path: '/v1/completions',
				auth: { kind: 'api' },
				billable: true,
				estimateTokens: ({ body }) => safeEstimate(body, estimateCompletion),
				handle: complete,
			},
		],
	};
};

/** string | string[] | number[] | number[][]; an empty prompt is allowed (as live: <|endoftext|>). */
function readPrompts(value: unknown): Prompt[] {
	if (value === undefined || value === null) throw missingParameter('prompt');
	if (typeof value === 'string') return [{ text: value, tokens: countTokens(value) }];
	if (!Array.isArray(value)) throw invalidType('prompt', 'a string or an array', describeType(value));
	if (value.length === 0) throw emptyArray('prompt');
	if (value.every((entry) => typeof entry === 'string')) {
		return (value as string[]).map((text) => ({ text, tokens: countTokens(text) }));
	}
	if (value.every((entry) => Number.isInteger(entry))) return [tokenPrompt(value as number[])];
	if (value.every((entry) => Array.isArray(entry) && entry.length > 0 && entry.every((token) => Number.isInteger(token)))) {
		return (value as number[][]).map(tokenPrompt);
	}
	throw badRequest("Invalid 'prompt': expected a string, an array of strings, an array of tokens, or an array of token arrays.", 'prompt', 'invalid_value');
}

function tokenPrompt(tokens: number[]): Prompt {
	return { text: `<${tokens.length} tokens>`, tokens: tokens.length };
}

function checkContext(model: TextModel, prompts: readonly Prompt[], maxTokens: number): void {
	for (const prompt of prompts) {
		const requested = prompt.tokens + maxTokens;
		if (requested > model.contextWindow) {
			throw badRequest(
				`This model's maximum context length is ${model.contextWindow} tokens, however you requested ${requested} tokens (${prompt.tokens} in your prompt; ${maxTokens} for the completion). Please reduce your prompt; or completion length.`,
				'prompt',
				'context_length_exceeded',
			);
		}
	}
}

interface CompletionBody {
	id: string;
	created: number;
	model: string;
	system_fingerprint: string;
	usage: unknown;
	choices: Array<{ text: string; index: number; finish_reason: string }>;
}

function streamOf(completion: CompletionBody, includeUsage: boolean): FakeResponse {
	const head = { id: completion.id, object: 'text_completion', created: completion.created, model: completion.model, system_fingerprint: completion.system_fingerprint };
	const chunks: unknown[] = [];
	for (const choice of completion.choices) {
		for (const piece of textDeltas(choice.text)) {
			chunks.push({ ...head, choices: [{ text: piece, index: choice.index, logprobs: null, finish_reason: null }] });
		}
		chunks.push({ ...head, choices: [{ text: '', index: choice.index, logprobs: null, finish_reason: choice.finish_reason }] });
	}
	if (includeUsage) chunks.push({ ...head, choices: [], usage: completion.usage });
	return chatStyleStream(chunks);
}
