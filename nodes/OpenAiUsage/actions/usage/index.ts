import type { Resource } from '../types';
import { getUsage } from './get';

export const usageResource: Resource = {
	value: 'usage',
	name: 'Usage',
	description: 'Tokens, requests, images, seconds … per time bucket, from the usage endpoints',
	operations: [getUsage],
	defaultOperation: getUsage.value,
};
