import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { inputError } from '../shared/errors';

export const videoIdProperty: INodeProperties = {
	displayName: 'Video ID',
	name: 'videoId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. video_68d7512d07848190b3e45da0ecbebcde',
	description: 'The ID of the video job, as Create or Get Many return it',
};

/** The "Video ID" parameter, trimmed: not empty, and not the ID of a file or batch pasted by mistake. */
export function readVideoId(n8n: IExecuteFunctions, itemIndex: number, parameter = 'videoId', displayName = 'Video ID'): string {
	const value = n8n.getNodeParameter(parameter, itemIndex, '') as unknown;
	const id = typeof value === 'string' ? value.trim() : '';
	if (!id) throw inputError(n8n, itemIndex, `The "${displayName}" parameter is empty`, 'Enter the ID of the video (video_…), e.g. {{ $json.id }} after Video → Create.');
	const other = /^(file-|batch_|resp_|chatcmpl-)/.exec(id);
	if (other) {
		throw inputError(n8n, itemIndex, `The "${displayName}" parameter holds another kind of ID ("${id}"), not a video ID`, 'Use the ID of the video job (video_…) that Video → Create, Remix, Edit or Extend returned.');
	}
	return id;
}
