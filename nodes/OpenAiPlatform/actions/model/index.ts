import type { Resource } from '../types';
import { deleteModel } from './delete';
import { getModel } from './get';
import { getAllModels } from './getAll';

export const modelResource: Resource = {
	value: 'model',
	name: 'Model',
	description: 'List, inspect and delete models',
	operations: [deleteModel, getModel, getAllModels],
	defaultOperation: getAllModels.value,
};
