import type { Resource } from '../types';
import { getUser } from './get';
import { getAllUsers } from './getAll';

export const userResource: Resource = {
	value: 'user',
	name: 'User',
	description: 'The organization\'s users',
	operations: [getUser, getAllUsers],
	defaultOperation: getAllUsers.value,
};
