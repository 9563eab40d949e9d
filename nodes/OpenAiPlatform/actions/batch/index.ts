import type { Resource } from '../types';
import { cancelBatch } from './cancel';
import { createBatchFromItems } from './createFromItems';
import { getBatch } from './get';
import { getAllBatches } from './getAll';
import { getBatchResults } from './getResults';

export const batchResource: Resource = {
	value: 'batch',
	name: 'Batch',
	description: 'Run many requests at half the price with the Batch API',
	operations: [cancelBatch, createBatchFromItems, getBatch, getAllBatches, getBatchResults],
	defaultOperation: createBatchFromItems.value,
};
