import type { AreaFactory, FakeRequest, FakeResponse } from '../area';
import { hexDigest } from '../deterministic';
import { missingParameter } from '../errors';
import { readChatMessages, type ChatMessage } from './text/chatMessages';
import { chatStore } from './text/chatStore';
import { estimateChat, safeEstimate } from './text/estimates';
import { asString, bodyObject, read, rejectUnknownFields, type JsonObject } from './text/fields';
import { echoReply, limitOutput, readStop, replyTag } from './text/generate';
import { generateInstance } from './text/jsonSchema';
import { chatLogprobs } from './text/logprobs';
import { readMetadata } from './text/metadata';
import { PromptCache } from './text/promptCache';
import { DEFAULT_REASONING_EFFORT, REASONING_EFFORTS, reasoningTokensFor } from './text/reasoning';
import {
	badRequest,
	contextLengthExceeded,
	notAChatModel,
	stringTooLong,
	unsupportedParameter,
	unsupportedValue,
} from './text/requestErrors';
import { chatStyleStream, textDeltas } from './text/sse';
import { mentionsJson, readResponseFormat, renderOutput, type OutputFormat } from './text/structuredOutput';
import { countTokens, REPLY_PRIMING_TOKENS } from './text/tokens';
import { resolveModel, type TextModel } from './text/textModels';
import { pickToolCalls, readChatToolChoice, readChatTools, type FunctionTool, type ToolChoice } from './text/tools';

/**
 * POST /v1/chat/completions: validation with the live API's 400s, a deterministic reply
 * (text/generate.ts), structured outputs, function calls, logprobs, stop, n, seed, usage with cached
 * and reasoning tokens, and `stream: true` (all events in one body). With `store: true` the
 * completion, its metadata and messages are kept for the stored-completion routes (chatStored.ts).
 * See text/README.md.
 */
const KNOWN_FIELDS = new Set([
	'messages', 'model', 'metadata', 'top_logprobs', 'temperature', 'top_p', 'user', 'safety_identifier',
	'prompt_cache_key', 'prompt_cache_retention', 'prompt_cache_options', 'service_tier', 'modalities', 'verbosity',
	'reasoning_effort', 'max_completion_tokens', 'frequency_penalty', 'presence_penalty', 'web_search_options',
	'response_format', 'audio', 'store', 'moderation', 'stream', 'stop', 'logit_bias', 'logprobs', 'max_tokens', 'n',
	'prediction', 'seed', 'stream_options', 'tools', 'tool_choice', 'parallel_tool_calls', 'function_call', 'functions',
]);
const SERVICE_TIERS = ['auto', 'default', 'flex', 'scale', 'priority'] as const;

interface ChatRequest {
	model: TextModel;
	messages: ChatMessage[];
	n: number;
	temperature?: number;
	maxTokens?: number;
	stop: string[];
	seed?: number;
	logprobs: boolean;
	topLogprobs: number;
	format: OutputFormat;
	tools: FunctionTool[];
	toolChoice: ToolChoice;
	parallelToolCalls: boolean;
	reasoningEffort?: (typeof REASONING_EFFORTS)[number];
	serviceTier: string;
	stream: boolean;
	includeUsage: boolean;
	promptCacheKey?: string;
	toolsJson: string;
	store: boolean;
	metadata: Record<string, string> | null;
	requestedModel: string;
	rawMessages: unknown[];
}

export const chatArea: AreaFactory = ({ clock, ids, hash }) => {
	const cache = new PromptCache();
	const stored = chatStore({ clock });

	function complete(request: FakeRequest): FakeResponse {
		const chat = parseChatRequest(request.body);
		const { model, messages } = chat;
		const promptTokens = REPLY_PRIMING_TOKENS + messages.reduce((sum, message) => sum + message.tokens, 0) + countTokens(chat.toolsJson);
		const limit = chat.maxTokens ?? 0;
		if (promptTokens > model.contextWindow) throw contextLengthExceeded(model.contextWindow, promptTokens);
		if (promptTokens + limit > model.contextWindow) {
			throw badRequest(
				`This model's maximum context length is ${model.contextWindow} tokens. However, you requested ${promptTokens + limit} tokens (${promptTokens} in the messages, ${limit} in the completion). Please reduce the length of the messages or completion.`,
				'messages',
				'context_length_exceeded',
			);
		}
		const serialized = chat.toolsJson + messages.map((message) => `${message.role}\u0000${message.text}\u0000${message.images}`).join('\u0001');
		const cachedTokens = cache.lookupAndStore(`${request.key.key}\u0000${model.resolved}\u0000${chat.promptCacheKey ?? ''}`, serialized, promptTokens);

		const last = messages[messages.length - 1];
		const lastUser = [...messages].reverse().find((message) => message.role === 'user');
		const answeringToolResult = last.role === 'tool';
		const echoSource = answeringToolResult ? last.text : (lastUser?.text ?? last.text);
		const turn = messages.filter((message) => message.role === 'user').length;
		const reasoning = model.reasoning ? reasoningTokensFor(chat.reasoningEffort ?? DEFAULT_REASONING_EFFORT) : 0;

		let completionTokens = 0;
		let reasoningTokens = 0;
		const choices = Array.from({ length: chat.n }, (_, index) => {
			const variant = chat.temperature === 0 ? 0 : index;
			const seed = hash('chat', model.resolved, serialized, chat.seed ?? '', variant, JSON.stringify(chat.format));
			const calls =
				answeringToolResult && chat.toolChoice.mode === 'auto'
					? []
					: pickToolCalls(chat.tools, chat.toolChoice, lastUser?.text ?? '', chat.parallelToolCalls);
			const usedReasoning = chat.maxTokens === undefined ? reasoning : Math.min(reasoning, chat.maxTokens);
			reasoningTokens += usedReasoning;
			if (calls.length > 0) {
				const toolCalls = calls.map((tool, position) => {
					const args = JSON.stringify(
						generateInstance(tool.parameters ?? { type: 'object', properties: {} }, hash('arguments', seed, tool.name, position)),
					);
					completionTokens += countTokens(tool.name) + countTokens(args);
					return { id: ids.next('call_', 24, seed, position), type: 'function' as const, function: { name: tool.name, arguments: args } };
				});
				completionTokens += usedReasoning;
				return {
					index,
					message: { role: 'assistant' as const, content: null, refusal: null, tool_calls: toolCalls, annotations: [] },
					logprobs: chat.logprobs ? { content: [], refusal: null } : null,
					finish_reason: 'tool_calls' as const,
				};
			}
			const tag = replyTag(seed);
			const raw = renderOutput(chat.format, echoReply(echoSource, turn, tag), echoSource, tag, seed);
			const visibleBudget = chat.maxTokens === undefined ? undefined : chat.maxTokens - usedReasoning;
			const output = limitOutput(raw, visibleBudget, chat.stop);
			completionTokens += usedReasoning + countTokens(output.text);
			return {
				index,
				message: { role: 'assistant' as const, content: output.text, refusal: null, annotations: [] },
				logprobs: chat.logprobs ? { content: chatLogprobs(output.text, chat.topLogprobs, String(seed)), refusal: null } : null,
				finish_reason: output.finish,
			};
		});

		const usage = {
			prompt_tokens: promptTokens,
			completion_tokens: completionTokens,
			total_tokens: promptTokens + completionTokens,
			prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
			completion_tokens_details: {
				reasoning_tokens: reasoningTokens,
				audio_tokens: 0,
				accepted_prediction_tokens: 0,
				rejected_prediction_tokens: 0,
			},
		};
		request.reportTokens(usage.total_tokens);
		const completion = {
			id: ids.next('chatcmpl-', 29, serialized),
			object: 'chat.completion' as const,
			created: clock.nowSeconds(),
			model: model.resolved,
			choices,
			usage,
			service_tier: chat.serviceTier,
			system_fingerprint: `fp_${hexDigest(10, model.resolved)}`,
		};
		if (chat.store) stored.save(request, completion, chat.requestedModel, chat.rawMessages, chat.metadata);
		return chat.stream ? streamOf(completion, chat.includeUsage) : { body: completion };
	}

	return {
		name: 'chat',
		reset: () => cache.reset(),
		routes: [
			{
				method: 'POST',
				path: '/v1/chat/completions',
				auth: { kind: 'api' },
				billable: true,
				estimateTokens: ({ body }) => safeEstimate(body, estimateChat),
				handle: complete,
			},
		],
	};
};

function parseChatRequest(rawBody: unknown): ChatRequest {
	const body = bodyObject(rawBody);
	rejectUnknownFields(body, KNOWN_FIELDS, 'legacy');
	if (body.model === undefined || body.model === null) throw missingParameter('model');
	const model = resolveModel(asString(body.model, 'model'));
	if (model.family !== 'chat') throw notAChatModel();
	const messages = readChatMessages(body.messages, model.vision);

	const temperature = read.decimal(body, 'temperature', { min: 0, max: 2 });
	const topP = read.decimal(body, 'top_p', { min: 0, max: 1 });
	const presencePenalty = read.decimal(body, 'presence_penalty', { min: -2, max: 2 });
	const frequencyPenalty = read.decimal(body, 'frequency_penalty', { min: -2, max: 2 });
	const n = read.integer(body, 'n', { min: 1, max: 128 }) ?? 1;
	const maxCompletionTokens = read.integer(body, 'max_completion_tokens', { min: 1 });
	const maxTokens = read.integer(body, 'max_tokens', { min: 1 });
	const logprobs = read.boolean(body, 'logprobs') ?? false;
	const topLogprobs = read.integer(body, 'top_logprobs', { min: 0, max: 20 });
	if (topLogprobs !== undefined && !logprobs) {
		throw badRequest("Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.", 'top_logprobs', 'invalid_value');
	}
	const seed = read.integer(body, 'seed');
	const stop = readStop(body);
	const serviceTier = read.enum(body, 'service_tier', SERVICE_TIERS);
	const reasoningEffort = read.enum(body, 'reasoning_effort', REASONING_EFFORTS);
	const store = read.boolean(body, 'store') ?? false;
	read.boolean(body, 'parallel_tool_calls');
	read.string(body, 'user');
	read.string(body, 'prompt_cache_key');
	read.object(body, 'logit_bias');
	const metadata = readMetadata(body.metadata);
	const safetyIdentifier = read.string(body, 'safety_identifier');
	if (safetyIdentifier !== undefined && safetyIdentifier.length > 64) throw stringTooLong('safety_identifier', 64, safetyIdentifier.length);
	const stream = read.boolean(body, 'stream') ?? false;
	const streamOptions = read.object(body, 'stream_options');
	const format = readResponseFormat(body.response_format);
	const tools = readChatTools(body.tools);
	const toolChoice = readChatToolChoice(body.tool_choice, tools);

	if (model.reasoning) {
		if (temperature !== undefined && temperature !== 1) throw unsupportedValue('temperature', temperature, 1);
		if (topP !== undefined && topP !== 1) throw unsupportedValue('top_p', topP, 1);
		if (presencePenalty) throw unsupportedParameter('presence_penalty');
		if (frequencyPenalty) throw unsupportedParameter('frequency_penalty');
		if (logprobs) throw unsupportedParameter('logprobs');
		if (maxTokens !== undefined) throw unsupportedParameter('max_tokens', "Use 'max_completion_tokens' instead.");
	} else if (reasoningEffort !== undefined) {
		throw unsupportedParameter('reasoning_effort');
	}
	const limit = maxCompletionTokens ?? maxTokens;
	if (limit !== undefined && limit > model.maxOutputTokens) {
		const param = maxCompletionTokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
		throw badRequest(
			`max_tokens is too large: ${limit}. This model supports at most ${model.maxOutputTokens} completion tokens, whereas you provided ${limit}.`,
			param,
			'invalid_value',
		);
	}
	if (format.type === 'json_object' && !mentionsJson(messages.map((message) => message.text))) {
		throw badRequest("'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.", 'messages');
	}
	return {
		model,
		messages,
		n,
		temperature,
		maxTokens: limit,
		stop,
		seed,
		logprobs,
		topLogprobs: topLogprobs ?? 0,
		format,
		tools,
		toolChoice,
		parallelToolCalls: (body.parallel_tool_calls as boolean | null | undefined) !== false,
		reasoningEffort,
		serviceTier: serviceTier === undefined || serviceTier === 'auto' ? 'default' : serviceTier,
		stream,
		includeUsage: streamOptions?.include_usage === true,
		promptCacheKey: typeof body.prompt_cache_key === 'string' ? body.prompt_cache_key : undefined,
		toolsJson: tools.length > 0 ? JSON.stringify(body.tools) : '',
		store,
		metadata,
		requestedModel: model.id,
		rawMessages: body.messages as unknown[],
	};
}

interface CompletionBody {
	id: string;
	created: number;
	model: string;
	service_tier: string;
	system_fingerprint: string;
	usage: unknown;
	choices: Array<{
		index: number;
		message: { content: string | null; tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> };
		finish_reason: string;
	}>;
}

/** The completion as chat.completion.chunk events: role, content or tool-call deltas, finish, usage. */
function streamOf(completion: CompletionBody, includeUsage: boolean): FakeResponse {
	const head = {
		id: completion.id,
		object: 'chat.completion.chunk',
		created: completion.created,
		model: completion.model,
		service_tier: completion.service_tier,
		system_fingerprint: completion.system_fingerprint,
		...(includeUsage ? { usage: null } : {}),
	};
	const chunk = (index: number, delta: JsonObject, finish: string | null = null) => ({
		...head,
		choices: [{ index, delta, logprobs: null, finish_reason: finish }],
	});
	const chunks: unknown[] = [];
	for (const choice of completion.choices) {
		chunks.push(chunk(choice.index, { role: 'assistant', content: '', refusal: null }));
		for (const piece of textDeltas(choice.message.content ?? '')) chunks.push(chunk(choice.index, { content: piece }));
		choice.message.tool_calls?.forEach((call, position) => {
			chunks.push(
				chunk(choice.index, {
					tool_calls: [{ index: position, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } }],
				}),
			);
			chunks.push(chunk(choice.index, { tool_calls: [{ index: position, function: { arguments: call.function.arguments } }] }));
		});
		chunks.push(chunk(choice.index, {}, choice.finish_reason));
	}
	if (includeUsage) chunks.push({ ...head, choices: [], usage: completion.usage });
	return chatStyleStream(chunks);
}
