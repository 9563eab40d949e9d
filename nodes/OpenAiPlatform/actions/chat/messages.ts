import type {
	ChatCompletionContentPart,
	ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

import type { MessageInput } from '../shared/messages';

/** The editor's messages as Chat Completions messages: images become image_url parts of user messages. */
export function toChatMessages(messages: MessageInput[]): ChatCompletionMessageParam[] {
	return messages.map(({ role, text, images, imageDetail }): ChatCompletionMessageParam => {
		if (role !== 'user' || images.length === 0) return { role, content: text };
		const parts: ChatCompletionContentPart[] = [];
		if (text.trim() !== '') parts.push({ type: 'text', text });
		for (const url of images) parts.push({ type: 'image_url', image_url: { url, detail: imageDetail } });
		return { role, content: parts };
	});
}
