import type { Resource } from '../types';
import { deleteFile } from './delete';
import { downloadFile } from './download';
import { getFile } from './get';
import { getAllFiles } from './getAll';
import { uploadFile } from './upload';

export const fileResource: Resource = {
	value: 'file',
	name: 'File',
	description: 'Upload, list, download and delete files',
	operations: [deleteFile, downloadFile, getFile, getAllFiles, uploadFile],
	defaultOperation: uploadFile.value,
};
