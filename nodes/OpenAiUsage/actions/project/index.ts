import type { Resource } from '../types';
import { archiveProject } from './archive';
import { createProject } from './create';
import { getProject } from './get';
import { getAllProjects } from './getAll';
import { updateProject } from './update';

export const projectResource: Resource = {
	value: 'project',
	name: 'Project',
	description: 'The organization\'s projects (Create, Update and Archive write)',
	operations: [archiveProject, createProject, getProject, getAllProjects, updateProject],
	defaultOperation: getAllProjects.value,
};
