import type { AreaFactory, FakeRequest, FakeResponse } from '../area';
import { base62Digest } from '../deterministic';
import { missingParameter } from '../errors';
import { readQueryParams } from '../params';
import { conversationStore, type StoredConversation } from './text/conversationStore';
import { estimateResponse, safeEstimate } from './text/estimates';
import { asString, bodyObject, isObject, read, rejectUnknownFields, type JsonObject } from './text/fields';
import { echoReply, limitOutput, replyTag, snippetOf } from './text/generate';
import { runHostedTools } from './text/hostedTools';
import { INCLUDABLE } from './text/includable';
import { generateInstance } from './text/jsonSchema';
import { chatLogprobs } from './text/logprobs';
import { readMetadata } from './text/metadata';
import { PromptCache } from './text/promptCache';
import { readPrompt, type PromptTemplate } from './text/prompts';
import { DEFAULT_REASONING_EFFORT, REASONING_EFFORTS, reasoningTokensFor } from './text/reasoning';
import { badRequest, unsupportedParameter } from './text/requestErrors';
import { readResponseInput, turnsMentionJson, type ParsedInput, type Turn } from './text/responseInput';
import { responseStore, type StoredResponse } from './text/responseStore';
import { readResponseTools, type ResponseTools } from './text/responseTools';
import { textDeltas, typedEventStream } from './text/sse';
import { readTextFormat, renderOutput, type OutputFormat } from './text/structuredOutput';
import { resolveModel, type TextModel } from './text/textModels';
import { countTokens, TOKENS_PER_MESSAGE } from './text/tokens';
import { pickToolCalls, readResponsesToolChoice, type ToolChoice } from './text/tools';

/**
 * The Responses API: POST /v1/responses, GET and DELETE /v1/responses/{id},
 * POST /v1/responses/{id}/cancel, GET /v1/responses/{id}/input_items. Stored responses
 * (store !== false) live in memory per project (text/responseStore.ts); previous_response_id
 * continues their conversation (its turns are billed as input), `conversation` continues a
 * conversation of the Conversations API and appends the new items to it. `background: true`
 * responses go queued → in_progress → completed over fake time and can be cancelled. Hosted tools
 * are simulated (web search, file search, code interpreter, image generation, remote MCP),
 * function tools are called like in chat, reasoning models add a reasoning item, prompt templates
 * add a developer turn. See text/README.md.
 */
const KNOWN_FIELDS = new Set([
	'metadata', 'top_logprobs', 'temperature', 'top_p', 'user', 'safety_identifier', 'prompt_cache_key',
	'prompt_cache_retention', 'prompt_cache_options', 'previous_response_id', 'model', 'background', 'max_tool_calls',
	'text', 'tools', 'tool_choice', 'prompt', 'service_tier', 'truncation', 'reasoning', 'input', 'include',
	'parallel_tool_calls', 'store', 'instructions', 'moderation', 'stream', 'stream_options', 'conversation',
	'context_management', 'max_output_tokens',
]);
const SERVICE_TIERS = ['auto', 'default', 'flex', 'scale', 'priority'] as const;
const SUMMARY_MODES = ['auto', 'concise', 'detailed'] as const;
const VERBOSITY = ['low', 'medium', 'high'] as const;
export const MIN_MAX_OUTPUT_TOKENS = 16;

interface ResponseRequest {
	model: TextModel;
	instructions: string | null;
	previous: StoredResponse | null;
	previousId: string | null;
	conversation: StoredConversation | null;
	prompt: PromptTemplate | null;
	input: ParsedInput;
	/** approval requests the input approved: the MCP server and tool they asked about */
	approved: Map<string, { label: string; name: string }>;
	tools: ResponseTools;
	toolChoice: ToolChoice;
	toolChoiceEcho: unknown;
	parallelToolCalls: boolean;
	format: OutputFormat;
	verbosity: string;
	reasoningEffort: string | null;
	reasoningSummary: string | null;
	maxOutputTokens: number | null;
	temperature: number;
	topP: number;
	topLogprobs: number;
	include: Set<string>;
	store: boolean;
	background: boolean;
	truncation: 'auto' | 'disabled';
	maxToolCalls: number | null;
	metadata: Record<string, string>;
	serviceTier: string;
	stream: boolean;
	promptCacheKey: string | null;
	safetyIdentifier: string | null;
	user: string | null;
}

export const responsesArea: AreaFactory = ({ clock, ids, hash }) => {
	const state = responseStore({ clock });
	const conversations = conversationStore({ clock });
	const stored = state.responses;
	const cache = new PromptCache();
	const find = (id: string, request: FakeRequest): StoredResponse => state.find(id, request);

	/** `conversation`: an ID or `{ id }` of a conversation of this project. */
	function readConversation(value: unknown, request: FakeRequest): StoredConversation | null {
		if (value === undefined || value === null) return null;
		const id = isObject(value) ? asString(value.id, 'conversation.id') : asString(value, 'conversation');
		return conversations.find(id, request);
	}

	/** The approvals in the input must answer an approval request of the previous response or the conversation. */
	function readApprovals(input: ParsedInput, previous: StoredResponse | null, conversation: StoredConversation | null) {
		const approved = new Map<string, { label: string; name: string }>();
		const earlier = [...(previous?.body.output as JsonObject[] | undefined ?? []), ...(conversation?.entries.map((entry) => entry.item) ?? [])];
		for (const item of input.items) {
			if (item.type !== 'mcp_approval_response') continue;
			const id = String(item.approval_request_id);
			const request = earlier.find((candidate) => candidate.type === 'mcp_approval_request' && candidate.id === id);
			if (!request) throw badRequest(`No approval request found with id '${id}'.`, 'input', 'invalid_value');
			if (item.approve === true) approved.set(id, { label: String(request.server_label), name: String(request.name) });
		}
		return approved;
	}

	function parse(request: FakeRequest): ResponseRequest {
		const body = bodyObject(request.body);
		rejectUnknownFields(body, KNOWN_FIELDS, 'modern');
		if (body.model === undefined || body.model === null) throw missingParameter('model');
		const model = resolveModel(asString(body.model, 'model'));
		if (model.family !== 'chat') {
			throw badRequest(`The requested model '${model.id}' is not supported with the Responses API.`, 'model', 'model_not_supported');
		}
		const instructions = read.string(body, 'instructions') ?? null;
		const previousId = read.string(body, 'previous_response_id') ?? null;
		let previous: StoredResponse | null = null;
		if (previousId !== null) {
			previous = stored.get(previousId) ?? null;
			if (!previous || previous.projectId !== request.key.projectId) {
				throw badRequest(`Previous response with id '${previousId}' not found.`, 'previous_response_id', 'previous_response_not_found');
			}
		}
		const conversation = readConversation(body.conversation, request);
		if (conversation && previousId !== null) {
			throw badRequest("Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", null, 'mutually_exclusive_parameters');
		}
		const prompt = readPrompt(body.prompt);
		const input: ParsedInput = prompt && (body.input === undefined || body.input === null)
			? { turns: [], items: [], entries: [] }
			: readResponseInput(body.input, (prefix) => ids.next(prefix, 48));
		const approved = readApprovals(input, previous, conversation);
		const temperature = read.decimal(body, 'temperature', { min: 0, max: 2 });
		const topP = read.decimal(body, 'top_p', { min: 0, max: 1 });
		const topLogprobs = read.integer(body, 'top_logprobs', { min: 0, max: 20 });
		const maxOutputTokens = read.integer(body, 'max_output_tokens', { min: MIN_MAX_OUTPUT_TOKENS });
		const maxToolCalls = read.integer(body, 'max_tool_calls', { min: 1 }) ?? null;
		const reasoning = read.object(body, 'reasoning');
		const reasoningEffort = reasoning?.effort === undefined || reasoning.effort === null ? undefined : readEnumAt(reasoning.effort, 'reasoning.effort', REASONING_EFFORTS);
		const reasoningSummary = reasoning?.summary === undefined || reasoning.summary === null ? undefined : readEnumAt(reasoning.summary, 'reasoning.summary', SUMMARY_MODES);
		const text = read.object(body, 'text');
		const format = readTextFormat(text?.format);
		const verbosity = text?.verbosity === undefined || text.verbosity === null ? 'medium' : readEnumAt(text.verbosity, 'text.verbosity', VERBOSITY);
		const tools = readResponseTools(body.tools);
		const toolChoice = readResponsesToolChoice(body.tool_choice, tools.functions, tools.echo.length > 0);
		const include = new Set(read.array(body, 'include')?.map((entry, index) => readEnumAt(entry, `include[${index}]`, INCLUDABLE)) ?? []);
		const serviceTier = read.enum(body, 'service_tier', SERVICE_TIERS);
		const truncation = read.enum(body, 'truncation', ['auto', 'disabled'] as const) ?? 'disabled';
		const background = read.boolean(body, 'background') ?? false;
		const store = read.boolean(body, 'store') ?? true;
		const stream = read.boolean(body, 'stream') ?? false;
		if (background && !store) throw badRequest('Background responses must be stored: set store to true.', 'store', 'invalid_value');
		if (background && stream) throw badRequest('Streaming a background response is not available on this server.', 'stream', 'invalid_value');
		const parallelToolCalls = read.boolean(body, 'parallel_tool_calls') ?? true;
		const metadata = readMetadata(body.metadata) ?? {};
		const user = read.string(body, 'user') ?? null;
		const promptCacheKey = read.string(body, 'prompt_cache_key') ?? null;
		const safetyIdentifier = read.string(body, 'safety_identifier') ?? null;

		if (model.reasoning) {
			if (temperature !== undefined && temperature !== 1) throw unsupportedParameter('temperature');
			if (topP !== undefined && topP !== 1) throw unsupportedParameter('top_p');
		} else {
			if (reasoningEffort !== undefined) throw unsupportedParameter('reasoning.effort');
			if (reasoningSummary !== undefined) throw unsupportedParameter('reasoning.summary');
		}
		const history = previous?.turns ?? (conversation ? conversations.turns(conversation) : []);
		if (format.type === 'json_object' && !turnsMentionJson([...history, ...(prompt ? [prompt.turn] : []), ...input.turns], instructions)) {
			throw badRequest(
				"Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
				'input',
			);
		}
		return {
			model,
			instructions,
			previous,
			previousId,
			conversation,
			prompt,
			input,
			approved,
			tools,
			toolChoice,
			toolChoiceEcho: body.tool_choice ?? 'auto',
			parallelToolCalls,
			format,
			verbosity,
			reasoningEffort: model.reasoning ? (reasoningEffort ?? DEFAULT_REASONING_EFFORT) : null,
			reasoningSummary: model.reasoning ? (reasoningSummary ?? null) : null,
			maxOutputTokens: maxOutputTokens ?? null,
			temperature: temperature ?? 1,
			topP: topP ?? 1,
			topLogprobs: topLogprobs ?? 0,
			include,
			store,
			background,
			truncation,
			maxToolCalls,
			metadata,
			serviceTier: serviceTier === undefined || serviceTier === 'auto' ? 'default' : serviceTier,
			stream,
			promptCacheKey,
			safetyIdentifier,
			user,
		};
	}

	function create(request: FakeRequest): FakeResponse {
		const parsed = parse(request);
		const { model, tools } = parsed;
		const { history, context, inputTokens } = fitContext(parsed);
		const toolsJson = tools.echo.length > 0 ? JSON.stringify(tools.echo) : '';
		const serialized = `${parsed.instructions ?? ''}\u0001${toolsJson}\u0001${context.map((turn) => `${turn.role}\u0000${turn.text}`).join('\u0001')}`;
		const cachedTokens = cache.lookupAndStore(`${request.key.key}\u0000${model.resolved}\u0000${parsed.promptCacheKey ?? ''}`, serialized, inputTokens);
		const seed = hash('response', model.resolved, serialized, JSON.stringify(parsed.format));

		const last = context[context.length - 1];
		const lastUser = [...context].reverse().find((turn) => turn.role === 'user');
		const answeringToolResult = last.role === 'tool';
		const echoSource = answeringToolResult ? last.text : (lastUser?.text ?? last.text);
		const turnNumber = context.filter((turn) => turn.role === 'user').length;
		const query = snippetOf(lastUser?.text ?? last.text);

		const output: JsonObject[] = [];
		let outputTokens = 0;
		let budget = parsed.maxOutputTokens ?? Infinity;
		let incomplete = false;
		const spend = (tokens: number): number => {
			const spent = Math.min(tokens, budget);
			budget -= spent;
			outputTokens += spent;
			if (spent < tokens) incomplete = true;
			return spent;
		};

		let reasoningTokens = 0;
		if (parsed.reasoningEffort !== null) {
			reasoningTokens = spend(reasoningTokensFor(parsed.reasoningEffort as (typeof REASONING_EFFORTS)[number]));
			output.push({
				id: ids.next('rs_', 48, seed),
				type: 'reasoning',
				summary: parsed.reasoningSummary ? [{ type: 'summary_text', text: `**Answering the request**\n\nThe user wrote: "${query}".` }] : [],
				...(parsed.include.has('reasoning.encrypted_content') ? { encrypted_content: base62Digest(64, 'reasoning', seed) } : {}),
			});
		}

		const hostedAllowed = parsed.toolChoice.mode !== 'none' && !(answeringToolResult && parsed.toolChoice.mode === 'auto');
		const calls = answeringToolResult && parsed.toolChoice.mode === 'auto' ? [] : pickToolCalls(tools.functions, parsed.toolChoice, lastUser?.text ?? '', parsed.parallelToolCalls);
		const annotations: JsonObject[] = [];
		let citationText = '';
		const toolBudget = { left: parsed.maxToolCalls ?? Infinity };
		const spendCall = () => toolBudget.left-- > 0;
		if (!incomplete && calls.length === 0 && hostedAllowed && tools.webSearch && spendCall()) {
			const url = `https://example.com/search/${slug(query)}?utm_source=openai`;
			output.push({
				id: ids.next('ws_', 48, seed),
				type: 'web_search_call',
				status: 'completed',
				action: {
					type: 'search',
					query,
					...(parsed.include.has('web_search_call.action.sources') ? { sources: [{ type: 'url', url }] } : {}),
				},
			});
			citationText = ` ([example.com](${url}))`;
			annotations.push({ type: 'url_citation', url, title: `Results for "${query}"`, start_index: 0, end_index: 0 });
		}
		let fileCitation: JsonObject | null = null;
		if (!incomplete && calls.length === 0 && hostedAllowed && tools.fileSearch && spendCall()) {
			const results = tools.fileSearch.vectorStoreIds.slice(0, tools.fileSearch.maxResults).map((storeId, position) => ({
				file_id: `file-${base62Digest(22, 'file_search', storeId)}`,
				filename: `${storeId}-document.txt`,
				score: Math.round((0.95 - position * 0.05) * 1000) / 1000,
				text: `A passage about ${query} from ${storeId}.`,
				attributes: {},
			}));
			output.push({
				id: ids.next('fs_', 48, seed),
				type: 'file_search_call',
				status: 'completed',
				queries: [query],
				results: parsed.include.has('file_search_call.results') ? results : null,
			});
			fileCitation = { type: 'file_citation', file_id: results[0].file_id, filename: results[0].filename, index: 0 };
		}
		let awaitingApproval = false;
		if (!incomplete && calls.length === 0 && (hostedAllowed || parsed.approved.size > 0)) {
			const hosted = runHostedTools(tools, {
				query,
				seed,
				include: parsed.include,
				budget: toolBudget,
				approved: parsed.approved,
				newId: (prefix, ...parts) => ids.next(prefix, 48, seed, ...parts),
			});
			output.push(...hosted.items);
			awaitingApproval = hosted.awaitingApproval;
		}

		for (const [position, tool] of calls.entries()) {
			const args = JSON.stringify(generateInstance(tool.parameters ?? { type: 'object', properties: {} }, hash('arguments', seed, tool.name, position)));
			spend(countTokens(tool.name) + countTokens(args));
			output.push({
				id: ids.next('fc_', 48, seed, position),
				type: 'function_call',
				status: 'completed',
				call_id: ids.next('call_', 24, seed, position),
				name: tool.name,
				arguments: args,
			});
		}

		let outputText = '';
		if (calls.length === 0 && budget > 0 && !awaitingApproval) {
			const tag = replyTag(seed);
			const raw = renderOutput(parsed.format, echoReply(echoSource, turnNumber, tag), echoSource, tag, seed) + (parsed.format.type === 'text' ? citationText : '');
			const limited = limitOutput(raw, Number.isFinite(budget) ? budget : undefined, []);
			spend(countTokens(raw));
			outputText = limited.text;
			for (const annotation of annotations) {
				const link = `[example.com](${String(annotation.url)})`;
				const start = outputText.indexOf(link);
				annotation.start_index = start < 0 ? outputText.length : start;
				annotation.end_index = start < 0 ? outputText.length : start + link.length;
			}
			if (fileCitation) fileCitation.index = outputText.length;
			output.push({
				id: ids.next('msg_', 48, seed),
				type: 'message',
				status: incomplete ? 'incomplete' : 'completed',
				role: 'assistant',
				content: [
					{
						type: 'output_text',
						text: outputText,
						annotations: [...(parsed.format.type === 'text' ? annotations : []), ...(fileCitation ? [fileCitation] : [])],
						logprobs: parsed.include.has('message.output_text.logprobs') ? chatLogprobs(outputText, parsed.topLogprobs, String(seed)) : [],
					},
				],
			});
		}

		const createdAt = clock.nowSeconds();
		const id = ids.next('resp_', 48, seed);
		const usage = {
			input_tokens: inputTokens,
			input_tokens_details: { cached_tokens: cachedTokens, cache_write_tokens: 0 },
			output_tokens: outputTokens,
			output_tokens_details: { reasoning_tokens: reasoningTokens },
			total_tokens: inputTokens + outputTokens,
		};
		const body: JsonObject = {
			id,
			object: 'response',
			created_at: createdAt,
			status: incomplete ? 'incomplete' : 'completed',
			background: parsed.background,
			completed_at: incomplete ? null : createdAt,
			error: null,
			incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
			instructions: parsed.instructions,
			max_output_tokens: parsed.maxOutputTokens,
			max_tool_calls: parsed.maxToolCalls,
			model: model.resolved,
			output,
			parallel_tool_calls: parsed.parallelToolCalls,
			previous_response_id: parsed.previousId,
			conversation: parsed.conversation ? { id: parsed.conversation.id } : null,
			prompt: parsed.prompt?.echo ?? null,
			prompt_cache_key: parsed.promptCacheKey,
			reasoning: { effort: parsed.reasoningEffort, summary: parsed.reasoningSummary },
			safety_identifier: parsed.safetyIdentifier,
			service_tier: parsed.serviceTier,
			store: parsed.store,
			temperature: parsed.temperature,
			text: { format: formatEcho(parsed.format), verbosity: parsed.verbosity },
			tool_choice: parsed.toolChoiceEcho,
			tools: tools.echo,
			top_logprobs: parsed.topLogprobs,
			top_p: parsed.topP,
			truncation: parsed.truncation,
			usage,
			...(parsed.user !== null ? { user: parsed.user } : {}),
			metadata: parsed.metadata,
		};
		request.reportTokens(usage.total_tokens);
		const answer: Turn[] = calls.length > 0
			? calls.map((tool) => ({ role: 'assistant', text: tool.name, tokens: countTokens(tool.name) }))
			: [{ role: 'assistant', text: outputText, tokens: TOKENS_PER_MESSAGE + countTokens(outputText) }];
		if (parsed.store) {
			const entry: StoredResponse = { projectId: request.key.projectId, body, inputItems: parsed.input.items, turns: [...history, ...parsed.input.turns, ...answer] };
			if (parsed.background) entry.background = { createdAt: clock.now() };
			stored.set(id, entry);
		}
		if (parsed.conversation) {
			// the conversation gets the new items at once (a background response's too)
			const messageIndex = output.findIndex((item) => item.type === 'message');
			parsed.conversation.entries.push(
				...parsed.input.entries,
				...output.map((item, index) => ({ item, turn: index === messageIndex || (messageIndex < 0 && index === output.length - 1) ? (answer[0] ?? null) : null })),
			);
		}
		if (parsed.background) return { body: state.view(stored.get(id) as StoredResponse) };
		return parsed.stream ? streamOf(body) : { body };
	}

	/**
	 * The turns a response sees: the prompt template, the earlier turns (previous response or
	 * conversation) and the input. Over the context window it is a 400, unless `truncation: 'auto'`,
	 * which drops the oldest earlier turns until it fits (as live).
	 */
	function fitContext(parsed: ResponseRequest): { history: Turn[]; context: Turn[]; inputTokens: number } {
		const earlier = parsed.previous?.turns ?? (parsed.conversation ? conversations.turns(parsed.conversation) : []);
		const fixed = (parsed.instructions === null ? 0 : countTokens(parsed.instructions))
			+ (parsed.tools.echo.length > 0 ? countTokens(JSON.stringify(parsed.tools.echo)) : 0)
			+ (parsed.prompt?.turn.tokens ?? 0)
			+ parsed.input.turns.reduce((sum, turn) => sum + turn.tokens, 0);
		let history = earlier;
		let inputTokens = fixed + history.reduce((sum, turn) => sum + turn.tokens, 0);
		if (parsed.truncation === 'auto') {
			while (inputTokens > parsed.model.contextWindow && history.length > 0) {
				inputTokens -= history[0].tokens;
				history = history.slice(1);
			}
		}
		if (inputTokens > parsed.model.contextWindow) {
			throw badRequest(
				`Your input exceeds the context window of this model. Please adjust your input and try again.`,
				'input',
				'context_length_exceeded',
			);
		}
		const context = [...(parsed.prompt ? [parsed.prompt.turn] : []), ...history, ...parsed.input.turns];
		if (context.length === 0) throw missingParameter('input');
		return { history, context, inputTokens };
	}

	return {
		name: 'responses',
		reset: () => {
			state.reset();
			conversations.reset();
			cache.reset();
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/responses',
				auth: { kind: 'api' },
				billable: true,
				estimateTokens: ({ body }) => safeEstimate(body, estimateResponse),
				handle: create,
			},
			{
				method: 'GET',
				path: '/v1/responses/{response_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					readQueryParams(request.query, {
						include: { type: 'array', enum: INCLUDABLE },
						stream: { type: 'boolean' },
						starting_after: { type: 'integer', min: 0 },
						include_obfuscation: { type: 'boolean' },
					});
					return { body: state.view(find(request.params.response_id, request)) };
				},
			},
			{
				method: 'DELETE',
				path: '/v1/responses/{response_id}',
				auth: { kind: 'api' },
				handle: (request) => {
					const id = request.params.response_id;
					find(id, request);
					stored.delete(id);
					return { body: { id, object: 'response', deleted: true } };
				},
			},
			{
				method: 'POST',
				path: '/v1/responses/{response_id}/cancel',
				auth: { kind: 'api' },
				handle: (request) => ({ body: state.cancel(find(request.params.response_id, request)) }),
			},
			{
				method: 'GET',
				path: '/v1/responses/{response_id}/input_items',
				auth: { kind: 'api' },
				handle: (request) => {
					const query = readQueryParams(request.query, {
						limit: { type: 'integer', min: 1, max: 100, default: 20 },
						order: { type: 'string', enum: ['asc', 'desc'], default: 'desc' },
						after: { type: 'string' },
						include: { type: 'array', enum: INCLUDABLE },
					});
					const items = find(request.params.response_id, request).inputItems;
					const ordered = query.order === 'desc' ? [...items].reverse() : items;
					const start = query.after === undefined ? 0 : ordered.findIndex((item) => item.id === query.after) + 1;
					if (query.after !== undefined && start === 0) {
						throw badRequest(`Invalid 'after': no input item with id '${query.after}'.`, 'after', 'invalid_value');
					}
					const page = ordered.slice(start, start + query.limit);
					return {
						body: {
							object: 'list',
							data: page,
							first_id: (page[0]?.id as string | undefined) ?? '',
							last_id: (page[page.length - 1]?.id as string | undefined) ?? '',
							has_more: start + page.length < ordered.length,
						},
					};
				},
			},
		],
	};
};

function readEnumAt<T extends string>(value: unknown, param: string, values: readonly T[]): T {
	return read.enum({ [param]: value }, param, values) as T;
}

function formatEcho(format: OutputFormat): JsonObject {
	if (format.type !== 'json_schema') return { type: format.type };
	return {
		type: 'json_schema',
		name: format.name,
		schema: format.schema ?? {},
		strict: format.strict,
		...(format.description !== undefined ? { description: format.description } : {}),
	};
}

function slug(text: string): string {
	return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'query';
}

/** The response as the event stream the Responses API sends (created, items, text deltas, completed). */
function streamOf(response: JsonObject): FakeResponse {
	const events: Array<{ type: string } & JsonObject> = [];
	const push = (event: { type: string } & JsonObject) => events.push({ ...event, sequence_number: events.length });
	const { usage: _usage, ...rest } = response;
	const pending = { ...rest, status: 'in_progress', completed_at: null, output: [] };
	push({ type: 'response.created', response: pending });
	push({ type: 'response.in_progress', response: pending });
	(response.output as JsonObject[]).forEach((item, outputIndex) => {
		if (item.type !== 'message') {
			push({ type: 'response.output_item.added', output_index: outputIndex, item });
			push({ type: 'response.output_item.done', output_index: outputIndex, item });
			return;
		}
		const part = (item.content as JsonObject[])[0];
		const text = part.text as string;
		push({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
		push({ type: 'response.content_part.added', item_id: item.id, output_index: outputIndex, content_index: 0, part: { ...part, text: '', annotations: [], logprobs: [] } });
		for (const delta of textDeltas(text)) {
			push({ type: 'response.output_text.delta', item_id: item.id, output_index: outputIndex, content_index: 0, delta, logprobs: [] });
		}
		push({ type: 'response.output_text.done', item_id: item.id, output_index: outputIndex, content_index: 0, text, logprobs: [] });
		push({ type: 'response.content_part.done', item_id: item.id, output_index: outputIndex, content_index: 0, part });
		push({ type: 'response.output_item.done', output_index: outputIndex, item });
	});
	push({ type: response.status === 'incomplete' ? 'response.incomplete' : 'response.completed', response });
	return typedEventStream(events);
}
