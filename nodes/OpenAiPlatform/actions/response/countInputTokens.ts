import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { InputTokenCountParams } from 'openai/resources/responses/input-tokens';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { readModelId } from '../model/modelId';
import { readResponseFormat, responseFormatProperties } from '../shared/responseFormat';
import { REASONING_EFFORTS, reasoningEffortOption } from '../shared/sampling';
import type { ReasoningEffort } from '../shared/sampling';
import { oneOf, readSwitch, readText } from '../shared/values';
import type { Operation } from '../types';
import { INPUT_TOKENS, inputTokensShape } from './answer';
import { toTextFormat } from './create';
import { inputProperties, readResponseInput } from './input';
import { conversationIdOption, parallelToolCallsOption, previousResponseIdOption, readContinuation, truncationOption } from './options';
import { builtInToolsProperty, readBuiltInTools } from './tools';

const countOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [conversationIdOption, parallelToolCallsOption, previousResponseIdOption, reasoningEffortOption, truncationOption],
};

export const countResponseInputTokens: Operation = {
	value: 'countInputTokens',
	name: 'Count Input Tokens',
	action: 'Count the input tokens of a response',
	description: 'How many input tokens a Response → Create with this model, input, instructions, tools and conversation would be billed, before sending it',
	properties: [
		modelLocator({
			searchListMethod: 'searchChatModels',
			default: { mode: 'list', value: 'gpt-4o-mini' },
			description: 'The model the request would go to (token counts differ between models)',
		}),
		...inputProperties,
		{
			displayName: 'Instructions',
			name: 'instructions',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			description: 'The instructions (system message) the request would carry',
		},
		builtInToolsProperty,
		...responseFormatProperties(),
		countOptions,
	],
	async execute({ n8n, transport, itemIndex }) {
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const continuation = readContinuation(n8n, itemIndex, options);
		const input = await readResponseInput(n8n, itemIndex, { optional: Object.keys(continuation).length > 0 });
		const instructions = readText(n8n, itemIndex, 'instructions');
		const tools = readBuiltInTools(n8n, itemIndex);
		const effort = oneOf(n8n, itemIndex, options.reasoningEffort, 'Reasoning Effort', REASONING_EFFORTS);
		const truncation = oneOf(n8n, itemIndex, options.truncation, 'Truncation', ['auto', 'disabled']);
		const parallel = readSwitch(n8n, itemIndex, options.parallelToolCalls, 'Parallel Tool Calls');
		const model = readModelId(n8n, itemIndex);
		const body: InputTokenCountParams = {
			model,
			...(input !== undefined ? { input } : {}),
			...(instructions.trim() ? { instructions } : {}),
			...(tools.length > 0 ? { tools } : {}),
			...(toTextFormat(readResponseFormat(n8n, itemIndex)) as Pick<InputTokenCountParams, 'text'>),
			...continuation,
			...(effort ? { reasoning: { effort: effort as ReasoningEffort } } : {}),
			...(truncation ? { truncation: truncation as 'auto' | 'disabled' } : {}),
			...(parallel !== undefined ? { parallel_tool_calls: parallel } : {}),
		};
		const counted = await checkedCall(transport.client.responses.inputTokens.count(body), inputTokensShape, INPUT_TOKENS);
		return toItems({ model, input_tokens: counted.input_tokens });
	},
};
