import type { Resource } from '../types';
import { sendRequest } from './request';

/**
 * Any endpoint the node has no operation for, on the same engine and transport. Named "Custom API
 * Call" and listed last: n8n adds its own "Custom API Call" entry (a pointer to the HTTP Request
 * node) to the resource list of nodes whose credential can authenticate other requests, unless the
 * list already ends with an option of that name.
 */
export const customApiCallResource: Resource = {
	value: 'customApiCall',
	name: 'Custom API Call',
	description: 'Call any OpenAI endpoint with the credential: method, path, query, JSON or multipart body, JSON or file answer',
	operations: [sendRequest],
	defaultOperation: sendRequest.value,
};
