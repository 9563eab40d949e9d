import type { Resource } from '../types';
import { createServiceAccount } from './create';
import { deleteServiceAccount } from './delete';
import { getServiceAccount } from './get';
import { getAllServiceAccounts } from './getAll';

export const serviceAccountResource: Resource = {
	value: 'serviceAccount',
	name: 'Service Account',
	description: 'A project\'s service accounts: bot users with their own API key (Create and Delete write)',
	operations: [createServiceAccount, deleteServiceAccount, getServiceAccount, getAllServiceAccounts],
	defaultOperation: getAllServiceAccounts.value,
};
