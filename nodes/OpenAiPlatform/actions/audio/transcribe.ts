import type { TranscriptionCreateParamsNonStreaming } from 'openai/resources/audio/transcriptions';

import { toItems } from '../../../shared/engine/runItems';
import type { ItemOperation } from '../types';
import { readTranscriptionRequest, transcriptionJson, transcriptionProperties } from './transcription';

export const transcribeAudio: ItemOperation = {
	value: 'transcribe',
	name: 'Transcribe',
	action: 'Transcribe audio into text',
	description: 'Turn speech in an audio file into text in the same language',
	properties: transcriptionProperties('transcribe'),
	async execute({ n8n, transport, itemIndex }) {
		const request = await readTranscriptionRequest(n8n, itemIndex, 'transcribe');
		const result: unknown = await transport.client.audio.transcriptions.create(request as TranscriptionCreateParamsNonStreaming);
		return toItems(transcriptionJson(result, request));
	},
};
