import type { Resource } from '../types';
import { getProject } from './get';
import { getAllProjects } from './getAll';

export const projectResource: Resource = {
	value: 'project',
	name: 'Project',
	description: 'The organization\'s projects',
	operations: [getProject, getAllProjects],
	defaultOperation: getAllProjects.value,
};
