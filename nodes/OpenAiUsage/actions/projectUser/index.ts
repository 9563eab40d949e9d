import type { Resource } from '../types';
import { addProjectUser } from './add';
import { getAllProjectUsers } from './getAll';
import { removeProjectUser } from './remove';
import { updateProjectUser } from './update';

export const projectUserResource: Resource = {
	value: 'projectUser',
	name: 'Project User',
	description: 'The members of a project and their roles (Add, Update Role and Remove write)',
	operations: [addProjectUser, getAllProjectUsers, removeProjectUser, updateProjectUser],
	defaultOperation: getAllProjectUsers.value,
};
