import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { CompletionCreateParamsNonStreaming } from 'openai/resources/completions';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { simplifyProperty } from '../shared/simplify';
import { readText } from '../shared/values';
import type { Operation } from '../types';
import { TEXT_COMPLETION, textCompletionShape } from './answer';
import { completeOptionsProperty, readCompleteOptions } from './options';
import { simplifyCompletion } from './simplify';

export const completeText: Operation = {
	value: 'complete',
	name: 'Complete',
	action: 'Complete a text',
	description: 'Continue a prompt with an instruct model (legacy Completions API)',
	properties: [
		modelLocator({
			searchListMethod: 'searchCompletionModels',
			default: { mode: 'list', value: 'gpt-3.5-turbo-instruct' },
			description: 'The completion model (gpt-3.5-turbo-instruct, davinci-002, babbage-002 or a fine-tune of them)',
		}),
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			placeholder: 'e.g. Write a tagline for an ice cream shop:',
			description: 'The text the model continues',
		},
		simplifyProperty(
			'Whether to return only the text, why it stopped and the token usage, instead of the full API response',
		),
		completeOptionsProperty,
	],
	async execute({ n8n, transport, itemIndex }) {
		const completion = await checkedCall(
			transport.client.completions.create(buildCompletionRequest(n8n, itemIndex)),
			textCompletionShape,
			TEXT_COMPLETION,
		);
		const simplify = n8n.getNodeParameter('simplify', itemIndex, true) as boolean;
		return toItems(simplify ? simplifyCompletion(completion) : (completion as unknown as IDataObject));
	},
};

/** The request of one item (also a Batch → Create From Items line on /v1/completions): model, prompt, options, checked. */
export function buildCompletionRequest(n8n: IExecuteFunctions, itemIndex: number): CompletionCreateParamsNonStreaming {
	const model = readModelId(n8n, itemIndex);
	const prompt = readText(n8n, itemIndex, 'prompt');
	if (prompt.trim() === '') {
		throw inputError(
			n8n,
			itemIndex,
			'The "Prompt" parameter is empty',
			'Enter the text the model should continue, e.g. an expression such as {{ $json.text }}.',
		);
	}
	return { model, prompt, ...readCompleteOptions(n8n, itemIndex) };
}
