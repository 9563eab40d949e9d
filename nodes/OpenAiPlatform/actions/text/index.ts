import type { Resource } from '../types';
import { completeText } from './complete';

export const textResource: Resource = {
	value: 'text',
	name: 'Text',
	description: 'Legacy Completions API: continue a prompt with an instruct model',
	operations: [completeText],
	defaultOperation: completeText.value,
};
