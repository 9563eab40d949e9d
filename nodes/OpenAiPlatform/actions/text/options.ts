import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { CompletionCreateParamsNonStreaming } from 'openai/resources/completions';

import { readSampling, temperatureOption, topPOption } from '../shared/sampling';
import { numberInRange, readStopSequences } from '../shared/values';

type CompletionRequestOptions = Omit<CompletionCreateParamsNonStreaming, 'model' | 'prompt'>;

export const completeOptionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Echo',
			name: 'echo',
			type: 'boolean',
			default: false,
			description: 'Whether to return the prompt in front of the completion',
		},
		{
			displayName: 'Log Probabilities',
			name: 'logprobs',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 5 },
			default: 1,
			description: 'Return the log probabilities of the most likely tokens at each position: how many (0–5)',
		},
		{
			displayName: 'Max Tokens',
			name: 'maxTokens',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 256,
			description:
				'The most tokens the completion may use (OpenAI default: 16). A longer one is cut off (finish_reason "length").',
		},
		{
			displayName: 'Number of Choices',
			name: 'n',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 128 },
			default: 1,
			description:
				'How many completions to generate for the prompt (1–128). The first is the main one; the others are under "choices".',
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
			displayName: 'Suffix',
			name: 'suffix',
			type: 'string',
			default: '',
			description: 'Text that comes after the completion: the model fills in the gap between prompt and suffix',
		},
		temperatureOption,
		topPOption,
	],
};

export function readCompleteOptions(n8n: IExecuteFunctions, itemIndex: number): CompletionRequestOptions {
	const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const range = (name: string, displayName: string, min: number, max: number, integer = false) =>
		numberInRange(n8n, itemIndex, options[name], displayName, { min, max, integer });
	const body: CompletionRequestOptions = {};

	const maxTokens = range('maxTokens', 'Max Tokens', 1, Number.MAX_SAFE_INTEGER, true);
	if (maxTokens !== undefined) body.max_tokens = maxTokens;
	Object.assign(body, readSampling(range));
	const n = range('n', 'Number of Choices', 1, 128, true);
	if (n !== undefined) body.n = n;
	const logprobs = range('logprobs', 'Log Probabilities', 0, 5, true);
	if (logprobs !== undefined) body.logprobs = logprobs;
	if (options.echo !== undefined) body.echo = options.echo === true;
	const stop = readStopSequences(n8n, itemIndex, options.stop, 'Stop Sequences');
	if (stop) body.stop = stop;
	if (typeof options.suffix === 'string' && options.suffix !== '') body.suffix = options.suffix;
	return body;
}
