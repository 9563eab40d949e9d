import type { Resource } from '../types';
import { getAllProjectApiKeys } from './getAll';

export const projectApiKeyResource: Resource = {
	value: 'projectApiKey',
	name: 'Project API Key',
	description: 'API keys of a project',
	operations: [getAllProjectApiKeys],
	defaultOperation: getAllProjectApiKeys.value,
};
