import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';

import { modelLocator } from '../../../shared/descriptions';
import { toItems } from '../../../shared/engine/runItems';
import { checkedCall } from '../../../shared/shape';
import { readModelId } from '../model/modelId';
import { messagesProperty, readMessages } from '../shared/messages';
import type { ResponseFormat } from '../shared/responseFormat';
import { readResponseFormat, responseFormatProperties } from '../shared/responseFormat';
import { simplifyProperty } from '../shared/simplify';
import type { Operation } from '../types';
import { CHAT_COMPLETION, chatCompletionShape } from './answer';
import { toChatMessages } from './messages';
import { chatOptionsProperty, readChatOptions } from './options';
import { simplifyChatCompletion } from './simplify';

export const messageModel: Operation = {
	value: 'message',
	name: 'Message a Model',
	action: 'Message a model',
	description: 'Send messages (text and images) to a chat model and get its answer (Chat Completions)',
	properties: [
		modelLocator({
			searchListMethod: 'searchChatModels',
			default: { mode: 'list', value: 'gpt-4o-mini' },
			description: 'The chat model that answers, picked from the list or typed as an ID',
		}),
		messagesProperty(),
		...responseFormatProperties(),
		simplifyProperty(
			'Whether to return only the answer (text, parsed JSON, tool calls), why it stopped and the token usage, instead of the full API response',
		),
		chatOptionsProperty,
	],
	async execute({ n8n, transport, itemIndex }) {
		const { body, format } = await buildChatRequest(n8n, itemIndex);
		const completion = await checkedCall(transport.client.chat.completions.create(body), chatCompletionShape, CHAT_COMPLETION);
		const simplify = n8n.getNodeParameter('simplify', itemIndex, true) as boolean;
		return toItems(
			simplify
				? simplifyChatCompletion(n8n, itemIndex, completion, format)
				: (completion as unknown as IDataObject),
		);
	},
};

/** The request this operation sends for one item (also a Batch API line). */
export async function buildChatRequest(
	n8n: IExecuteFunctions,
	itemIndex: number,
): Promise<{ body: ChatCompletionCreateParamsNonStreaming; format: ResponseFormat }> {
	const format = readResponseFormat(n8n, itemIndex);
	const body: ChatCompletionCreateParamsNonStreaming = {
		model: readModelId(n8n, itemIndex),
		messages: toChatMessages(await readMessages(n8n, itemIndex)),
		...readChatOptions(n8n, itemIndex),
		...toChatResponseFormat(format),
	};
	return { body, format };
}

function toChatResponseFormat(format: ResponseFormat): Pick<ChatCompletionCreateParamsNonStreaming, 'response_format'> {
	if (format.type === 'text') return {};
	if (format.type === 'json_object') return { response_format: { type: 'json_object' } };
	const { name, schema, strict } = format;
	return { response_format: { type: 'json_schema', json_schema: { name, schema, strict } } };
}
