import type { Resource } from '../types';
import { classifyContent } from './classify';

export const moderationResource: Resource = {
	value: 'moderation',
	name: 'Moderation',
	description: 'Check text and images for harmful content',
	operations: [classifyContent],
	defaultOperation: classifyContent.value,
};
