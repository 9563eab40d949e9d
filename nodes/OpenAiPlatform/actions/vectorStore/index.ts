import type { Resource } from '../types';
import { addVectorStoreFile } from './addFile';
import { cancelVectorStoreFileBatch } from './cancelFileBatch';
import { createVectorStore } from './create';
import { createVectorStoreFileBatch } from './createFileBatch';
import { deleteVectorStore } from './delete';
import { deleteVectorStoreFile } from './deleteFile';
import { getVectorStore } from './get';
import { getAllVectorStores } from './getAll';
import { getVectorStoreFile } from './getFile';
import { getVectorStoreFileBatch } from './getFileBatch';
import { getVectorStoreFileBatchFiles } from './getFileBatchFiles';
import { getVectorStoreFileContent } from './getFileContent';
import { getVectorStoreFiles } from './getFiles';
import { searchVectorStore } from './search';
import { updateVectorStore } from './update';
import { updateVectorStoreFile } from './updateFile';

export const vectorStoreResource: Resource = {
	value: 'vectorStore',
	name: 'Vector Store',
	description: 'Vector stores for file search: create them, add files (one by one or in batches), search them',
	operations: [
		addVectorStoreFile,
		cancelVectorStoreFileBatch,
		createVectorStore,
		createVectorStoreFileBatch,
		deleteVectorStore,
		deleteVectorStoreFile,
		getVectorStore,
		getVectorStoreFile,
		getVectorStoreFileBatch,
		getVectorStoreFileBatchFiles,
		getVectorStoreFileContent,
		getAllVectorStores,
		getVectorStoreFiles,
		searchVectorStore,
		updateVectorStore,
		updateVectorStoreFile,
	],
	defaultOperation: createVectorStore.value,
};
