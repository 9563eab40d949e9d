import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { SpeechCreateParams } from 'openai/resources/audio/speech';

import { modelLocator } from '../../../shared/descriptions';
import { readModelId } from '../model/modelId';
import { audioRule, checkedBinary } from '../shared/binaryAnswer';
import { inputError } from '../shared/errors';
import { binaryItem, binaryOutputOption, readOutputProperty, readResponseContent } from '../shared/mediaBinary';
import type { ItemOperation } from '../types';
import { SPEECH_FORMATS, type SpeechFormat } from './audioFiles';

const VOICES = ['alloy', 'ash', 'ballad', 'cedar', 'coral', 'echo', 'fable', 'marin', 'nova', 'onyx', 'sage', 'shimmer', 'verse'];
const MAX_INPUT = 4096;
/** What the answer must be ("The server's answer is not …"). */
const AUDIO = 'audio';

const properties: INodeProperties[] = [
	modelLocator({
		searchListMethod: 'searchSpeechModels',
		default: { mode: 'list', value: 'gpt-4o-mini-tts' },
		description: 'The text-to-speech model: gpt-4o-mini-tts (follows instructions), tts-1 (fast) or tts-1-hd (higher quality)',
	}),
	{
		displayName: 'Text Input',
		name: 'input',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The text to speak (up to 4,096 characters)',
	},
	{
		displayName: 'Voice',
		name: 'voice',
		type: 'options',
		default: 'alloy',
		options: VOICES.map((voice) => ({ name: voice[0].toUpperCase() + voice.slice(1), value: voice })),
		description: 'The voice to use. Ballad, cedar, marin and verse need gpt-4o-mini-tts.',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'File Name',
				name: 'fileName',
				type: 'string',
				default: '',
				placeholder: 'e.g. greeting.mp3',
				description: 'Name of the output file (default: speech and the format as extension, e.g. speech.mp3)',
			},
			{
				displayName: 'Instructions',
				name: 'instructions',
				type: 'string',
				typeOptions: { rows: 2 },
				default: '',
				placeholder: 'e.g. Speak calmly, like a night-time radio host',
				description: 'How to speak: tone, accent, speed, emotion (gpt-4o-mini-tts only)',
			},
			binaryOutputOption,
			{
				displayName: 'Response Format',
				name: 'responseFormat',
				type: 'options',
				default: 'mp3',
				options: [
					{ name: 'AAC', value: 'aac' },
					{ name: 'FLAC', value: 'flac' },
					{ name: 'MP3', value: 'mp3' },
					{ name: 'Opus', value: 'opus' },
					{ name: 'PCM (24 kHz, 16-Bit, Raw)', value: 'pcm' },
					{ name: 'WAV', value: 'wav' },
				],
				description: 'Audio format of the output file',
			},
			{
				displayName: 'Speed',
				name: 'speed',
				type: 'number',
				typeOptions: { minValue: 0.25, maxValue: 4, numberPrecision: 2 },
				default: 1,
				description: 'Speaking speed, from 0.25 to 4',
			},
		],
	},
];

export const generateSpeech: ItemOperation = {
	value: 'generateSpeech',
	name: 'Generate Speech',
	action: 'Generate speech from text',
	description: 'Turn text into spoken audio, as a binary file',
	properties,
	async execute({ n8n, transport, itemIndex }) {
		const model = readModelId(n8n, itemIndex);
		const input = String(n8n.getNodeParameter('input', itemIndex, '') ?? '');
		if (input.trim() === '') {
			throw inputError(n8n, itemIndex, 'The "Text Input" parameter is empty', 'Enter the text to speak, or map a field with an expression.');
		}
		if (input.length > MAX_INPUT) {
			throw inputError(n8n, itemIndex, `The "Text Input" parameter has ${input.length} characters; OpenAI speaks at most ${MAX_INPUT} per request`, 'Split the text into several items (e.g. by paragraph).');
		}
		const voice = String(n8n.getNodeParameter('voice', itemIndex, 'alloy'));
		const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const format = (options.responseFormat as SpeechFormat | undefined) ?? 'mp3';
		if (!(format in SPEECH_FORMATS)) {
			throw inputError(n8n, itemIndex, `The "Response Format" option "${String(format)}" is not an audio format OpenAI offers`, `Use one of ${Object.keys(SPEECH_FORMATS).join(', ')}.`);
		}
		const instructions = typeof options.instructions === 'string' ? options.instructions.trim() : '';
		if (instructions && /^tts-1/.test(model)) {
			throw inputError(n8n, itemIndex, `The "Instructions" option does not work with ${model}`, 'OpenAI rejects instructions for tts-1 and tts-1-hd. Use gpt-4o-mini-tts, or remove the option.');
		}
		const speed = options.speed === undefined ? undefined : Number(options.speed);
		if (speed !== undefined && !(speed >= 0.25 && speed <= 4)) {
			throw inputError(n8n, itemIndex, `The "Speed" option must be between 0.25 and 4, not ${String(options.speed)}`, 'Set "Speed" between 0.25 (slow) and 4 (fast).');
		}
		const body: SpeechCreateParams = {
			model,
			input,
			voice,
			response_format: format,
			...(instructions ? { instructions } : {}),
			...(speed !== undefined ? { speed } : {}),
		};
		const response = await checkedBinary(transport.client.audio.speech.create(body), AUDIO, audioRule);
		const audio = await readResponseContent(response);
		const fileName = typeof options.fileName === 'string' && options.fileName.trim() ? options.fileName.trim() : `speech.${format}`;
		const property = readOutputProperty(options.binaryPropertyOutput);
		const json: IDataObject = { model, voice, format, characters: input.length };
		const item = await binaryItem(n8n, json, property, audio, fileName, SPEECH_FORMATS[format]);
		// the size n8n recorded while storing the audio (it may never have been in memory as a whole)
		json.bytes = item.binary?.[property]?.bytes ?? (Buffer.isBuffer(audio) ? audio.length : 0);
		return [item];
	},
};
