import type { Resource } from '../types';
import { generateSpeech } from './generateSpeech';
import { transcribeAudio } from './transcribe';
import { translateAudio } from './translate';

export const audioResource: Resource = {
	value: 'audio',
	name: 'Audio',
	description: 'Text to speech, speech to text, and translation to English',
	operations: [generateSpeech, transcribeAudio, translateAudio],
	defaultOperation: transcribeAudio.value,
};
