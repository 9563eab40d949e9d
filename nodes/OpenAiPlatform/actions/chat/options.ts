import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';

import { inputError } from '../shared/errors';
import { parseJsonValue } from '../shared/json';
import { REASONING_EFFORTS, readSampling, reasoningEffortOption, temperatureOption, topPOption } from '../shared/sampling';
import { metadataProperty, readMetadataEntries } from '../shared/metadata';
import { numberInRange, oneOf, readStopSequences, readSwitch } from '../shared/values';
import { toFunctionTools, toToolChoice } from './tools';

type ChatRequestOptions = Omit<ChatCompletionCreateParamsNonStreaming, 'model' | 'messages'>;

export const chatOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Frequency Penalty',
			name: 'frequencyPenalty',
			type: 'number',
			typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 1 },
			default: 0,
			description: 'From -2 to 2. Positive values make the model repeat the same words less often.',
		},
		{
			displayName: 'Log Probabilities',
			name: 'logprobs',
			type: 'boolean',
			default: false,
			description: 'Whether to return the log probability of each output token',
		},
		{
			displayName: 'Max Completion Tokens',
			name: 'maxCompletionTokens',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 1024,
			description:
				'The most tokens the answer may use, reasoning tokens included. A longer answer is cut off (finish_reason "length").',
		},
		metadataProperty('With Store on: up to 16 key/value pairs stored with the completion, to find it again with Get Many (filter by metadata)'),
		{
			displayName: 'Number of Choices',
			name: 'n',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 128 },
			default: 1,
			description:
				'How many answers to generate for the same messages (1–128). The first is the main answer; the others are under "choices".',
		},
		{
			displayName: 'Presence Penalty',
			name: 'presencePenalty',
			type: 'number',
			typeOptions: { minValue: -2, maxValue: 2, numberPrecision: 1 },
			default: 0,
			description: 'From -2 to 2. Positive values make the model move on to new topics.',
		},
		reasoningEffortOption,
		{
			displayName: 'Seed',
			name: 'seed',
			type: 'number',
			default: 0,
			description: 'A whole number: the same seed and parameters make answers as repeatable as OpenAI can',
		},
		{
			displayName: 'Service Tier',
			name: 'serviceTier',
			type: 'options',
			options: [
				{ name: 'Auto', value: 'auto', description: 'Use the project setting' },
				{ name: 'Default', value: 'default', description: 'Standard pricing and performance' },
				{ name: 'Flex', value: 'flex', description: 'Cheaper, slower, may be unavailable at peak times' },
				{ name: 'Priority', value: 'priority', description: 'Faster, at a higher price' },
			],
			default: 'auto',
			description: 'The processing tier the request is served with',
		},
		{
			displayName: 'Stop Sequences',
			name: 'stop',
			type: 'string',
			default: '',
			placeholder: 'e.g. END, STOP',
			description:
				'Up to 4 sequences where the model stops: a comma-separated list, or a JSON array for special characters such as ["\\n\\n"]',
		},
		{
			displayName: 'Store',
			name: 'store',
			type: 'boolean',
			default: true,
			description:
				'Whether OpenAI keeps the completion (for 30 days, or until deleted) so that Chat → Get Many, Get, Update, Delete and Get Messages find it; also shown in the dashboard for evals and distillation',
		},
		temperatureOption,
		{
			displayName: 'Tool Choice',
			name: 'toolChoice',
			type: 'string',
			default: 'auto',
			placeholder: 'e.g. auto',
			description:
				'Whether the model calls one of the Tools: auto (it decides), none, required (at least one), or the name of a function to call exactly that one',
		},
		{
			displayName: 'Tools',
			name: 'tools',
			type: 'json',
			typeOptions: { rows: 6 },
			default: '[]',
			description:
				'Functions the model may call, as a JSON array: {"name", "description", "parameters" (a JSON Schema)} or {"type": "function", "function": {…}}. The calls come back under "tool_calls" with their arguments parsed.',
		},
		{
			displayName: 'Top Log Probabilities',
			name: 'topLogprobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 20 },
			default: 5,
			description: 'With Log Probabilities on: how many of the most likely tokens to list at each position (0–20)',
		},
		topPOption,
		{
			displayName: 'User',
			name: 'user',
			type: 'string',
			default: '',
			description: 'A stable ID of your end user, which helps OpenAI detect abuse',
		},
	],
};

const SERVICE_TIERS = ['auto', 'default', 'flex', 'priority'];

/** The Options collection of one item as request fields; only options the user added are sent. */
export function readChatOptions(n8n: IExecuteFunctions, itemIndex: number): ChatRequestOptions {
	const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const range = (name: string, displayName: string, min: number, max: number, integer = false) =>
		numberInRange(n8n, itemIndex, options[name], displayName, { min, max, integer });
	const body: ChatRequestOptions = {};

	Object.assign(body, readSampling(range));
	const maxTokens = range('maxCompletionTokens', 'Max Completion Tokens', 1, Number.MAX_SAFE_INTEGER, true);
	if (maxTokens !== undefined) body.max_completion_tokens = maxTokens;
	const n = range('n', 'Number of Choices', 1, 128, true);
	if (n !== undefined) body.n = n;
	const seed = range('seed', 'Seed', Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, true);
	if (seed !== undefined) body.seed = seed;
	const presence = range('presencePenalty', 'Presence Penalty', -2, 2);
	if (presence !== undefined) body.presence_penalty = presence;
	const frequency = range('frequencyPenalty', 'Frequency Penalty', -2, 2);
	if (frequency !== undefined) body.frequency_penalty = frequency;

	const stop = readStopSequences(n8n, itemIndex, options.stop, 'Stop Sequences');
	if (stop) body.stop = stop;

	const topLogprobs = range('topLogprobs', 'Top Log Probabilities', 0, 20, true);
	if (options.logprobs !== undefined) body.logprobs = options.logprobs === true;
	if (topLogprobs !== undefined) {
		if (body.logprobs !== true) {
			throw inputError(
				n8n,
				itemIndex,
				'The "Top Log Probabilities" option needs the "Log Probabilities" option on',
				'Add "Log Probabilities" and switch it on, or remove "Top Log Probabilities".',
			);
		}
		body.top_logprobs = topLogprobs;
	}

	const effort = oneOf(n8n, itemIndex, options.reasoningEffort, 'Reasoning Effort', REASONING_EFFORTS);
	if (effort) body.reasoning_effort = effort as ChatRequestOptions['reasoning_effort'];
	const tier = oneOf(n8n, itemIndex, options.serviceTier, 'Service Tier', SERVICE_TIERS);
	if (tier) body.service_tier = tier as ChatRequestOptions['service_tier'];
	if (typeof options.user === 'string' && options.user.trim() !== '') body.user = options.user.trim();
	const store = readSwitch(n8n, itemIndex, options.store, 'Store');
	if (store !== undefined) body.store = store;
	const metadata = readMetadataEntries(n8n, itemIndex, options.metadata);
	if (metadata) body.metadata = metadata;

	const tools = toFunctionTools(n8n, itemIndex, parseJsonValue(n8n, itemIndex, options.tools, 'Tools'));
	if (tools) body.tools = tools;
	const toolChoice = toToolChoice(n8n, itemIndex, options.toolChoice as string | undefined, tools);
	if (toolChoice) body.tool_choice = toolChoice;
	return body;
}
