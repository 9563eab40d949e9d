import type { IDataObject } from 'n8n-workflow';

import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO, videoShape } from './answer';
import { readSourceVideo, sourceProperties } from './videoInputs';
import { finishJob, jobOptionsProperty, readJobOptions } from './videoJob';
import { promptProperty, readVideoPrompt } from './videoParameters';

export const editVideo: ItemOperation = {
	value: 'edit',
	name: 'Edit',
	action: 'Edit a video',
	description: 'Make a new video by editing a completed video or an MP4 with a prompt',
	properties: [...sourceProperties('edit'), promptProperty('How to change the video, e.g. "Replace the sky with a sunset"'), jobOptionsProperty()],
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const prompt = readVideoPrompt(n8n, itemIndex);
		const job = readJobOptions(n8n, itemIndex, n8n.getNodeParameter('options', itemIndex, {}) as IDataObject);
		const video = await readSourceVideo(n8n, itemIndex);
		const created = await checkedCall(transport.client.videos.edit({ prompt, video }), videoShape, VIDEO);
		return await finishJob(ctx, created, job);
	},
};
