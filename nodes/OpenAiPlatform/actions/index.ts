import { createResourceRegistry } from '../../shared/resourceRegistry';
import { audioResource } from './audio';
import { batchResource } from './batch';
import { chatResource } from './chat';
import { conversationResource } from './conversation';
import { customApiCallResource } from './customApiCall';
import { embeddingResource } from './embedding';
import { fileResource } from './file';
import { fineTuningResource } from './fineTuning';
import { imageResource } from './image';
import { modelResource } from './model';
import { moderationResource } from './moderation';
import { responseResource } from './response';
import { textResource } from './text';
import { vectorStoreResource } from './vectorStore';
import { videoResource } from './video';
import type { Resource } from './types';

/**
 * Every resource of the OpenAI Platform node. A new resource is one folder and one line here.
 * Alphabetical, but Custom API Call last (see customApiCall/index.ts).
 */
export const resources: Resource[] = [
	audioResource,
	batchResource,
	chatResource,
	conversationResource,
	embeddingResource,
	fileResource,
	fineTuningResource,
	imageResource,
	modelResource,
	moderationResource,
	responseResource,
	textResource,
	vectorStoreResource,
	videoResource,
	customApiCallResource,
];

/** The resource and operation pickers, and the lookup `execute()` uses. */
export const { findOperation, describeResources } = createResourceRegistry(resources, 'chat');
