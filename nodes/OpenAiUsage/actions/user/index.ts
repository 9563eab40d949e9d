import type { Resource } from '../types';
import { getUser } from './get';
import { getAllUsers } from './getAll';
import { removeUser } from './remove';
import { updateUser } from './update';

export const userResource: Resource = {
	value: 'user',
	name: 'User',
	description: 'The organization\'s users (Update Role and Remove write)',
	operations: [getUser, getAllUsers, removeUser, updateUser],
	defaultOperation: getAllUsers.value,
};
