import type { Resource } from '../types';
import { getAllAdminApiKeys } from './getAll';

export const adminApiKeyResource: Resource = {
	value: 'adminApiKey',
	name: 'Admin API Key',
	description: 'The organization\'s admin keys and when they expire',
	operations: [getAllAdminApiKeys],
	defaultOperation: getAllAdminApiKeys.value,
};
