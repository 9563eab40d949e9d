import type { Resource } from '../types';
import { messageModel } from './message';

export const chatResource: Resource = {
	value: 'chat',
	name: 'Chat',
	description: 'Chat Completions: message a model with text and images, JSON output and function tools',
	operations: [messageModel],
	defaultOperation: messageModel.value,
};
