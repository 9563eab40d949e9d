import type { AcceptedTypes } from '../shared/mediaBinary';
import { MB } from '../shared/mediaBinary';

/** Audio uploads OpenAI accepts for transcription and translation, and their size limit. */
export const AUDIO_UPLOAD_TYPES: AcceptedTypes = {
	label: 'audio files',
	mimeTypes: [
		'audio/flac', 'audio/x-flac', 'audio/mpeg', 'audio/mp3', 'audio/mp4', 'audio/m4a', 'audio/x-m4a',
		'audio/ogg', 'audio/oga', 'audio/opus', 'audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave', 'audio/webm',
		'video/mp4', 'video/mpeg', 'video/webm',
	],
	extensions: ['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'opus', 'wav', 'webm'],
};

export const MAX_AUDIO_BYTES = 25 * MB;

export const SPEECH_FORMATS = {
	mp3: 'audio/mpeg',
	opus: 'audio/ogg',
	aac: 'audio/aac',
	flac: 'audio/flac',
	wav: 'audio/wav',
	pcm: 'audio/pcm',
} as const;

export type SpeechFormat = keyof typeof SPEECH_FORMATS;
