import type { IDataObject } from 'n8n-workflow';
import type { VideoCreateParams } from 'openai/resources/videos';

import { checkedCall } from '../../../shared/shape';
import type { ItemOperation } from '../types';
import { VIDEO, videoShape } from './answer';
import { finishJob, jobOptionsProperty, readJobOptions } from './videoJob';
import { readReferenceImage, referenceImageOption } from './videoInputs';
import { modelProperty, promptProperty, readClipRequest, secondsProperty, sizeProperty } from './videoParameters';

export const createVideo: ItemOperation = {
	value: 'create',
	name: 'Create',
	action: 'Create a video',
	description: 'Start a Sora video from a prompt and an optional reference image; optionally wait for it and download it',
	properties: [
		modelProperty,
		promptProperty('What the video shows: subject, setting, camera, light and motion (up to 32,000 characters)'),
		secondsProperty,
		sizeProperty,
		jobOptionsProperty([referenceImageOption]),
	],
	async execute(ctx) {
		const { n8n, transport, itemIndex } = ctx;
		const clip = readClipRequest(n8n, itemIndex);
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const job = readJobOptions(n8n, itemIndex, options);
		const reference = await readReferenceImage(n8n, itemIndex, options.referenceImage, clip.size);
		const body: VideoCreateParams = {
			model: clip.model,
			prompt: clip.prompt,
			seconds: clip.seconds as VideoCreateParams['seconds'],
			size: clip.size as VideoCreateParams['size'],
			...(reference ? { input_reference: reference } : {}),
		};
		const video = await checkedCall(transport.client.videos.create(body), videoShape, VIDEO);
		return await finishJob(ctx, video, job);
	},
};
