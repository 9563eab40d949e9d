import type { Resource } from '../types';
import { createAdminApiKey } from './create';
import { deleteAdminApiKey } from './delete';
import { getAdminApiKey } from './get';
import { getAllAdminApiKeys } from './getAll';

export const adminApiKeyResource: Resource = {
	value: 'adminApiKey',
	name: 'Admin API Key',
	description: 'The organization\'s admin keys and when they expire (Create and Delete write)',
	operations: [createAdminApiKey, deleteAdminApiKey, getAdminApiKey, getAllAdminApiKeys],
	defaultOperation: getAllAdminApiKeys.value,
};
