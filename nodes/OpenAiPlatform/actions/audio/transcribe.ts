import type { TranscriptionCreateParamsNonStreaming } from 'openai/resources/audio/transcriptions';

import { toItems } from '../../../shared/engine/runItems';
import type { ItemOperation } from '../types';
import { checkTranscription } from './answer';
import { readTranscriptionRequest, transcriptionJson, transcriptionProperties } from './transcription';

export const transcribeAudio: ItemOperation = {
	value: 'transcribe',
	name: 'Transcribe',
	action: 'Transcribe audio into text',
	description: 'Turn speech in an audio file into text in the same language',
	properties: transcriptionProperties('transcribe'),
	async execute({ n8n, transport, itemIndex }) {
		const request = await readTranscriptionRequest(n8n, itemIndex, 'transcribe');
		const { data, response } = await transport.client.audio.transcriptions.create(request as TranscriptionCreateParamsNonStreaming).withResponse();
		const result = checkTranscription(data, response, request.response_format ?? 'json');
		return toItems(transcriptionJson(result, request));
	},
};
