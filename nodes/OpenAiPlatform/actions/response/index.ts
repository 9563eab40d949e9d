import type { Resource } from '../types';
import { createResponse } from './create';
import { deleteResponse } from './delete';
import { getResponse } from './get';

export const responseResource: Resource = {
	value: 'response',
	name: 'Response',
	description: 'Responses API: create a response (with web and file search), get or delete a stored one',
	operations: [createResponse, deleteResponse, getResponse],
	defaultOperation: createResponse.value,
};
