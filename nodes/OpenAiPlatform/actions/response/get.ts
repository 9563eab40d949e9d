import { simplifyProperty } from '../shared/simplify';
import type { Operation } from '../types';
import { checkedResponse } from './answer';
import { readResponseId, responseIdProperty } from './responseId';
import { askedForJson, responseOutput } from './simplify';

export const getResponse: Operation = {
	value: 'get',
	name: 'Get',
	action: 'Get a response',
	description: 'Get a stored response by its ID: a background one with its current status (queued, in_progress, completed, …)',
	properties: [
		responseIdProperty('The ID of the stored response to get'),
		simplifyProperty(
			'Whether to return only the answer (text, parsed JSON, citations, tool calls, reasoning summary), ID, status and token usage, instead of the full API response',
		),
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readResponseId(n8n, itemIndex);
		const response = await checkedResponse(transport.client.responses.retrieve(id));
		return [await responseOutput(n8n, itemIndex, response, askedForJson(response))];
	},
};
