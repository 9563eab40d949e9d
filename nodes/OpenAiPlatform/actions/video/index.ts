import type { Resource } from '../types';
import { createVideo } from './create';
import { deleteVideo } from './delete';
import { downloadVideo } from './download';
import { editVideo } from './edit';
import { extendVideo } from './extend';
import { getVideo } from './get';
import { getAllVideos } from './getAll';
import { remixVideo } from './remix';

export const videoResource: Resource = {
	value: 'video',
	name: 'Video',
	description: 'Create, remix, edit, extend and download Sora videos',
	operations: [createVideo, deleteVideo, downloadVideo, editVideo, extendVideo, getVideo, getAllVideos, remixVideo],
	defaultOperation: createVideo.value,
};
