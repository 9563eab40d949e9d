import type { TranslationCreateParams } from 'openai/resources/audio/translations';

import { toItems } from '../../../shared/engine/runItems';
import type { ItemOperation } from '../types';
import { checkTranscription } from './answer';
import { readTranscriptionRequest, transcriptionJson, transcriptionProperties } from './transcription';

export const translateAudio: ItemOperation = {
	value: 'translate',
	name: 'Translate',
	action: 'Translate audio into English',
	description: 'Turn speech in any supported language into English text',
	properties: transcriptionProperties('translate'),
	async execute({ n8n, transport, itemIndex }) {
		const request = await readTranscriptionRequest(n8n, itemIndex, 'translate');
		const { data, response } = await transport.client.audio.translations.create(request as TranslationCreateParams).withResponse();
		const result = checkTranscription(data, response, request.response_format ?? 'json');
		return toItems(transcriptionJson(result, request));
	},
};
