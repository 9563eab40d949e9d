import type { Resource } from '../types';
import { createEmbeddings } from './create';

export const embeddingResource: Resource = {
	value: 'embedding',
	name: 'Embedding',
	description: 'Turn text into vectors for search, clustering and RAG',
	operations: [createEmbeddings],
	defaultOperation: createEmbeddings.value,
};
