import { updateProjectRateLimit } from './update';
import type { Resource } from '../types';
import { getAllProjectRateLimits } from './getAll';

export const projectRateLimitResource: Resource = {
	value: 'projectRateLimit',
	name: 'Project Rate Limit',
	description: 'Per-model rate limits of a project (Update writes)',
	operations: [getAllProjectRateLimits, updateProjectRateLimit],
	defaultOperation: getAllProjectRateLimits.value,
};
