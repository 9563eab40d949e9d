import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { inputError } from '../shared/errors';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import { REASONING_EFFORTS, readSampling, reasoningEffortOption, temperatureOption, topPOption } from '../shared/sampling';
import { numberInRange, oneOf, readSwitch } from '../shared/values';
import type { ReasoningEffort } from '../shared/sampling';
import { includeProperty, readInclude } from './include';
import { promptTemplateOptions, readPromptTemplate } from './promptTemplate';

type ResponseRequestOptions = Omit<ResponseCreateParamsNonStreaming, 'model' | 'input'>;

export { MAX_METADATA_KEYS } from '../shared/metadata';

export const conversationIdOption: INodeProperties = {
	displayName: 'Conversation ID',
	name: 'conversationId',
	type: 'string',
	default: '',
	placeholder: 'e.g. conv_689667905b048191b4740501625afd94',
	description:
		'Continue a conversation (Conversation → Create): the model sees its items, and this input and the answer are added to it. Not together with Previous Response ID.',
};

export const previousResponseIdOption: INodeProperties = {
	displayName: 'Previous Response ID',
	name: 'previousResponseId',
	type: 'string',
	default: '',
	placeholder: 'e.g. resp_67ccd2bed1ec8190b14f964abc054267',
	description:
		'Continue from an earlier stored response: the model sees its input and output first. Not together with Conversation ID.',
};

export const truncationOption: INodeProperties = {
	displayName: 'Truncation',
	name: 'truncation',
	type: 'options',
	options: [
		{ name: 'Auto', value: 'auto', description: 'Drop the oldest items of the conversation when it no longer fits the model' },
		{ name: 'Disabled', value: 'disabled', description: 'Fail with an error when the input is too long (OpenAI default)' },
	],
	default: 'disabled',
	description: 'What happens when the conversation is longer than the model\'s context window',
};

export const parallelToolCallsOption: INodeProperties = {
	displayName: 'Parallel Tool Calls',
	name: 'parallelToolCalls',
	type: 'boolean',
	default: true,
	description: 'Whether the model may call several tools at once',
};

export const responseOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		conversationIdOption,
		includeProperty('Extra data to return with the response, e.g. the file search results or the code interpreter outputs'),
		{
			displayName: 'Max Output Tokens',
			name: 'maxOutputTokens',
			type: 'number',
			typeOptions: { minValue: 16 },
			default: 1024,
			description:
				'The most tokens the answer may use, reasoning tokens included (at least 16). A longer answer ends with status "incomplete".',
		},
		{
			displayName: 'Max Tool Calls',
			name: 'maxToolCalls',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'The most calls of built-in tools (web and file search, code interpreter, image generation, MCP) in one response',
		},
		metadataProperty('Up to 16 key/value pairs stored with the response, for your own filtering and reports'),
		parallelToolCallsOption,
		previousResponseIdOption,
		...promptTemplateOptions,
		reasoningEffortOption,
		{
			displayName: 'Reasoning Summary',
			name: 'reasoningSummary',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'The most detailed summary the model offers' },
				{ name: 'Concise', value: 'concise' },
				{ name: 'Detailed', value: 'detailed' },
			],
			default: 'auto',
			description: 'Reasoning models: return a summary of their reasoning (under "reasoning_summary")',
		},
		{
			displayName: 'Store',
			name: 'store',
			type: 'boolean',
			default: true,
			description:
				'Whether OpenAI keeps the response (30 days) so it can be fetched with Get or continued with Previous Response ID. Background mode needs it on.',
		},
		temperatureOption,
		topPOption,
		truncationOption,
	],
};

/** The Options collection of one item as request fields; only options the user added are sent. */
export function readResponseOptions(n8n: IExecuteFunctions, itemIndex: number): ResponseRequestOptions {
	const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const body: ResponseRequestOptions = {};
	const range = (name: string, displayName: string, min: number, max: number, integer = false) =>
		numberInRange(n8n, itemIndex, options[name], displayName, { min, max, integer });

	const maxOutputTokens = range('maxOutputTokens', 'Max Output Tokens', 16, Number.MAX_SAFE_INTEGER, true);
	if (maxOutputTokens !== undefined) body.max_output_tokens = maxOutputTokens;
	Object.assign(body, readSampling(range));

	Object.assign(body, readContinuation(n8n, itemIndex, options));
	if (options.store !== undefined) body.store = options.store !== false;

	const effort = oneOf(n8n, itemIndex, options.reasoningEffort, 'Reasoning Effort', REASONING_EFFORTS);
	const summary = oneOf(n8n, itemIndex, options.reasoningSummary, 'Reasoning Summary', ['auto', 'concise', 'detailed']);
	if (effort || summary) {
		body.reasoning = {
			...(effort ? { effort: effort as ReasoningEffort } : {}),
			...(summary ? { summary: summary as 'auto' | 'concise' | 'detailed' } : {}),
		};
	}

	const metadata = readMetadataEntries(n8n, itemIndex, options.metadata);
	if (metadata) body.metadata = metadata;
	const include = readInclude(n8n, itemIndex, options.include);
	if (include) body.include = include;
	const truncation = oneOf(n8n, itemIndex, options.truncation, 'Truncation', ['auto', 'disabled']);
	if (truncation) body.truncation = truncation as 'auto' | 'disabled';
	const maxToolCalls = range('maxToolCalls', 'Max Tool Calls', 1, Number.MAX_SAFE_INTEGER, true);
	if (maxToolCalls !== undefined) body.max_tool_calls = maxToolCalls;
	const parallel = readSwitch(n8n, itemIndex, options.parallelToolCalls, 'Parallel Tool Calls');
	if (parallel !== undefined) body.parallel_tool_calls = parallel;
	const prompt = readPromptTemplate(n8n, itemIndex, options);
	if (prompt) body.prompt = prompt;
	return body;
}

/**
 * Conversation ID or Previous Response ID: a response continues one conversation or one earlier
 * response, never both (OpenAI refuses the pair; the node says so before sending).
 */
export function readContinuation(
	n8n: IExecuteFunctions,
	itemIndex: number,
	options: IDataObject,
): Pick<ResponseRequestOptions, 'conversation' | 'previous_response_id'> {
	const conversation = readId(n8n, itemIndex, options.conversationId, 'Conversation ID');
	const previous = readId(n8n, itemIndex, options.previousResponseId, 'Previous Response ID');
	if (conversation && previous) {
		throw inputError(
			n8n,
			itemIndex,
			'The "Conversation ID" and "Previous Response ID" options cannot be used together',
			`A response continues either a conversation (${conversation}) or one earlier response (${previous}), not both. Remove one of the two options.`,
		);
	}
	if (conversation) return { conversation };
	if (previous) return { previous_response_id: previous };
	return {};
}

/** An ID option: text (trimmed), '' when not set. An object or list from an expression is an error. */
function readId(n8n: IExecuteFunctions, itemIndex: number, value: unknown, displayName: string): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') {
		const id = value.trim();
		if (/\s/.test(id)) {
			throw inputError(n8n, itemIndex, `The "${displayName}" option "${id.slice(0, 60)}" contains spaces`, `Enter one ID, e.g. {{ $json.id }}.`);
		}
		return id;
	}
	throw inputError(
		n8n,
		itemIndex,
		`The "${displayName}" option must be an ID, not ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : JSON.stringify(value)}`,
		'Enter one ID as text, e.g. {{ $json.id }}.',
	);
}
