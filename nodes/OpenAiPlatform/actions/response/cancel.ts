import { simplifyProperty } from '../shared/simplify';
import type { Operation } from '../types';
import { checkedResponse } from './answer';
import { readResponseId, responseIdProperty } from './responseId';
import { askedForJson, responseOutput } from './simplify';

export const cancelResponse: Operation = {
	value: 'cancel',
	name: 'Cancel',
	action: 'Cancel a background response',
	description: 'Stop a background response that is still queued or in progress; returns it with status cancelled',
	properties: [
		responseIdProperty('The ID of the background response to cancel (only responses created with Background on can be cancelled)'),
		simplifyProperty('Whether to return only the ID, status, answer so far and token usage, instead of the full API response'),
	],
	async execute({ n8n, transport, itemIndex }) {
		const id = readResponseId(n8n, itemIndex);
		const response = await checkedResponse(transport.client.responses.cancel(id));
		return [await responseOutput(n8n, itemIndex, response, askedForJson(response))];
	},
};
