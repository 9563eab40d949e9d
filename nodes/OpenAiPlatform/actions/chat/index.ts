import type { Resource } from '../types';
import { deleteStoredCompletion } from './delete';
import { getStoredCompletion } from './get';
import { getManyStoredCompletions } from './getAll';
import { getStoredCompletionMessages } from './getMessages';
import { messageModel } from './message';
import { updateStoredCompletion } from './update';

export const chatResource: Resource = {
	value: 'chat',
	name: 'Chat',
	description: 'Chat Completions: message a model with text and images, JSON output and function tools; find, update and delete stored completions',
	operations: [deleteStoredCompletion, getStoredCompletion, getManyStoredCompletions, getStoredCompletionMessages, messageModel, updateStoredCompletion],
	defaultOperation: messageModel.value,
};
