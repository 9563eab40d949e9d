import type { IExecuteFunctions } from 'n8n-workflow';
import type { ResponseCreateParamsNonStreaming } from 'openai/resources/responses/responses';

import { modelLocator } from '../../../shared/descriptions';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import type { ResponseFormat } from '../shared/responseFormat';
import { readResponseFormat, responseFormatProperties } from '../shared/responseFormat';
import { simplifyProperty } from '../shared/simplify';
import { readText } from '../shared/values';
import type { Operation } from '../types';
import { BACKGROUND_RESPONSE, backgroundResponseShape, checkedResponse } from './answer';
import { backgroundProperties, readBackgroundMode, waitForResponse } from './background';
import { inputProperties, readResponseInput } from './input';
import { readResponseOptions, responseOptionsProperty } from './options';
import { responseOutput } from './simplify';
import { builtInToolsProperty, readBuiltInTools } from './tools';

export const createResponse: Operation = {
	value: 'create',
	name: 'Create',
	action: 'Create a response',
	description:
		'Ask a model through the Responses API: text or messages with images, built-in tools, conversations, structured output, background mode',
	properties: [
		modelLocator({
			searchListMethod: 'searchChatModels',
			default: { mode: 'list', value: 'gpt-4o-mini' },
			description: 'The model that answers, picked from the list or typed as an ID',
		}),
		...inputProperties,
		{
			displayName: 'Instructions',
			name: 'instructions',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			placeholder: 'e.g. Answer in one short paragraph',
			description:
				'How the model should behave (a system message). Not carried over to responses that continue this one.',
		},
		builtInToolsProperty,
		...responseFormatProperties(),
		simplifyProperty(
			'Whether to return only the answer (text, parsed JSON, citations, tool calls, reasoning summary), ID, status and token usage, instead of the full API response',
		),
		...backgroundProperties,
		responseOptionsProperty,
	],
	async execute({ n8n, transport, itemIndex }) {
		const background = readBackgroundMode(n8n, itemIndex);
		const { body, format } = await buildResponseRequest(n8n, itemIndex);
		if (background.on) {
			if (body.store === false) {
				throw inputError(
					n8n,
					itemIndex,
					'The "Background" parameter needs the "Store" option on',
					'OpenAI keeps a background response until it is fetched: switch "Store" on (or remove it), or switch "Background" off.',
				);
			}
			body.background = true;
		}
		const call = transport.client.responses.create(body);
		let response = background.wait ? await checkedResponse(call, backgroundResponseShape, BACKGROUND_RESPONSE) : await checkedResponse(call);
		if (background.wait) response = await waitForResponse(n8n, transport, response, background.wait, itemIndex);
		return [await responseOutput(n8n, itemIndex, response, format.type !== 'text')];
	},
};

/** The request this operation sends for one item (also a Batch API line). */
export async function buildResponseRequest(
	n8n: IExecuteFunctions,
	itemIndex: number,
): Promise<{ body: ResponseCreateParamsNonStreaming; format: ResponseFormat }> {
	const instructions = readText(n8n, itemIndex, 'instructions');
	const tools = readBuiltInTools(n8n, itemIndex);
	const format = readResponseFormat(n8n, itemIndex);
	const options = readResponseOptions(n8n, itemIndex);
	const input = await readResponseInput(n8n, itemIndex, { optional: options.prompt !== undefined });
	const body: ResponseCreateParamsNonStreaming = {
		model: readModelId(n8n, itemIndex),
		...(input !== undefined ? { input } : {}),
		...(instructions.trim() ? { instructions } : {}),
		...(tools.length > 0 ? { tools } : {}),
		...toTextFormat(format),
		...options,
	};
	return { body, format };
}

export function toTextFormat(format: ResponseFormat): Pick<ResponseCreateParamsNonStreaming, 'text'> {
	if (format.type === 'text') return {};
	if (format.type === 'json_object') return { text: { format: { type: 'json_object' } } };
	const { name, schema, strict } = format;
	return { text: { format: { type: 'json_schema', name, schema, strict } } };
}
