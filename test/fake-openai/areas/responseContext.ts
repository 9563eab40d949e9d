import type { AreaFactory, FakeRequest } from '../area';
import { base62Digest } from '../deterministic';
import { missingParameter } from '../errors';
import { conversationStore, type StoredConversation } from './text/conversationStore';
import { asString, bodyObject, isObject, read, rejectUnknownFields, type JsonObject } from './text/fields';
import { badRequest } from './text/requestErrors';
import { readResponseInput, type Turn } from './text/responseInput';
import { responseStore } from './text/responseStore';
import { readResponseTools } from './text/responseTools';
import { readTextFormat } from './text/structuredOutput';
import { resolveModel } from './text/textModels';
import { countTokens } from './text/tokens';
import { readResponsesToolChoice } from './text/tools';

/**
 * What a Responses request's context costs, and making it smaller:
 * - POST /v1/responses/input_tokens: the `input_tokens` a POST /v1/responses with the same model,
 *   input, instructions, tools, previous response or conversation would be billed (the same count
 *   as its usage.input_tokens; see text/README.md). Free: not billable.
 * - POST /v1/responses/compact: the context (a previous response's turns and/or the input) as its
 *   user messages followed by one `compaction` item with opaque `encrypted_content`; usage bills the
 *   context as input and a summary of a tenth of it (at least 8 tokens) as output.
 */
const COUNT_FIELDS = new Set([
	'model', 'input', 'previous_response_id', 'tools', 'text', 'reasoning', 'truncation', 'instructions', 'personality',
	'conversation', 'tool_choice', 'parallel_tool_calls',
]);
const COMPACT_FIELDS = new Set([
	'model', 'input', 'previous_response_id', 'instructions', 'prompt_cache_key', 'prompt_cache_retention', 'prompt_cache_options', 'service_tier',
]);

export const responseContextArea: AreaFactory = ({ clock, ids }) => {
	const responses = responseStore({ clock });
	const conversations = conversationStore({ clock });
	const newId = (prefix: string) => ids.next(prefix, 48);

	/** The earlier turns and the input's turns of a request (previous response or conversation). */
	function contextOf(body: JsonObject, request: FakeRequest, allowConversation: boolean): { earlier: Turn[]; input: Turn[] } {
		const previousId = read.string(body, 'previous_response_id');
		let conversation: StoredConversation | null = null;
		if (allowConversation && body.conversation !== undefined && body.conversation !== null) {
			const id = isObject(body.conversation) ? asString(body.conversation.id, 'conversation.id') : asString(body.conversation, 'conversation');
			conversation = conversations.find(id, request);
		}
		if (conversation && previousId !== undefined) {
			throw badRequest("Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.", null, 'mutually_exclusive_parameters');
		}
		let earlier: Turn[] = [];
		if (previousId !== undefined) {
			const previous = responses.responses.get(previousId);
			if (!previous || previous.projectId !== request.key.projectId) {
				throw badRequest(`Previous response with id '${previousId}' not found.`, 'previous_response_id', 'previous_response_not_found');
			}
			earlier = previous.turns;
		} else if (conversation) {
			earlier = conversations.turns(conversation);
		}
		const input = body.input === undefined || body.input === null ? [] : readResponseInput(body.input, newId).turns;
		return { earlier, input };
	}

	const readModel = (body: JsonObject, required: boolean) => {
		if (body.model === undefined || body.model === null) {
			if (required) throw missingParameter('model');
			return null;
		}
		const model = resolveModel(asString(body.model, 'model'));
		if (model.family !== 'chat') {
			throw badRequest(`The requested model '${model.id}' is not supported with the Responses API.`, 'model', 'model_not_supported');
		}
		return model;
	};

	return {
		name: 'responseContext',
		routes: [
			{
				method: 'POST',
				path: '/v1/responses/input_tokens',
				auth: { kind: 'api' },
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, COUNT_FIELDS, 'modern');
					readModel(body, false);
					const instructions = read.string(body, 'instructions') ?? '';
					const tools = readResponseTools(body.tools);
					readResponsesToolChoice(body.tool_choice, tools.functions, tools.echo.length > 0);
					readTextFormat(read.object(body, 'text')?.format);
					read.object(body, 'reasoning');
					read.enum(body, 'truncation', ['auto', 'disabled']);
					read.boolean(body, 'parallel_tool_calls');
					const { earlier, input } = contextOf(body, request, true);
					const toolsJson = tools.echo.length > 0 ? JSON.stringify(tools.echo) : '';
					const tokens = countTokens(instructions) + countTokens(toolsJson) + [...earlier, ...input].reduce((sum, turn) => sum + turn.tokens, 0);
					return { body: { object: 'response.input_tokens', input_tokens: tokens } };
				},
			},
			{
				method: 'POST',
				path: '/v1/responses/compact',
				auth: { kind: 'api' },
				billable: true,
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, COMPACT_FIELDS, 'modern');
					readModel(body, true);
					const instructions = read.string(body, 'instructions') ?? '';
					read.string(body, 'prompt_cache_key');
					if ((body.input === undefined || body.input === null) && (body.previous_response_id === undefined || body.previous_response_id === null)) {
						throw missingParameter('input');
					}
					const { earlier, input } = contextOf(body, request, false);
					const turns = [...earlier, ...input];
					const contextTokens = turns.reduce((sum, turn) => sum + turn.tokens, 0);
					const inputTokens = countTokens(instructions) + contextTokens;
					const outputTokens = Math.max(8, Math.ceil(contextTokens / 10));
					request.reportTokens(inputTokens + outputTokens);
					const summary = turns.map((turn) => `${turn.role}:${turn.text}`).join('\u0001');
					const output: JsonObject[] = [
						...turns
							.filter((turn) => turn.role === 'user')
							.map((turn) => ({ id: newId('msg_'), type: 'message', status: 'completed', role: 'user', content: [{ type: 'input_text', text: turn.text }] })),
						{ id: newId('cmp_'), type: 'compaction', encrypted_content: `gAAAA${base62Digest(96, 'compaction', summary)}` },
					];
					return {
						body: {
							id: newId('resp_'),
							object: 'response.compaction',
							created_at: clock.nowSeconds(),
							output,
							usage: {
								input_tokens: inputTokens,
								input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
								output_tokens: outputTokens,
								output_tokens_details: { reasoning_tokens: 0 },
								total_tokens: inputTokens + outputTokens,
							},
						},
					};
				},
			},
		],
	};
};
