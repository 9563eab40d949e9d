import { deleteProjectApiKey } from './delete';
import type { Resource } from '../types';
import { getAllProjectApiKeys } from './getAll';

export const projectApiKeyResource: Resource = {
	value: 'projectApiKey',
	name: 'Project API Key',
	description: 'API keys of a project (Delete writes)',
	operations: [deleteProjectApiKey, getAllProjectApiKeys],
	defaultOperation: getAllProjectApiKeys.value,
};
