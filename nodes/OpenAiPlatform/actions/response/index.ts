import type { Resource } from '../types';
import { cancelResponse } from './cancel';
import { compactResponse } from './compact';
import { countResponseInputTokens } from './countInputTokens';
import { createResponse } from './create';
import { deleteResponse } from './delete';
import { getResponse } from './get';
import { getResponseInputItems } from './getInputItems';

export const responseResource: Resource = {
	value: 'response',
	name: 'Response',
	description:
		'Responses API: create a response (built-in tools, conversations, background mode), get, cancel or delete it, list its input, count input tokens, compact a conversation',
	operations: [cancelResponse, compactResponse, countResponseInputTokens, createResponse, deleteResponse, getResponse, getResponseInputItems],
	defaultOperation: createResponse.value,
};
