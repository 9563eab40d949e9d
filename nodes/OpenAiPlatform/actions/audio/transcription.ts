import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Uploadable } from 'openai/uploads';

import { modelLocator } from '../../../shared/descriptions';
import { readModelId } from '../model/modelId';
import { inputError } from '../shared/errors';
import { binaryInputProperty, checkSize, checkType, describeBinary, toUploadable } from '../shared/mediaBinary';
import { AUDIO_UPLOAD_TYPES, MAX_AUDIO_BYTES } from './audioFiles';

/** What Transcribe and Translate share: the audio file, the model and the response options. */
export type AudioTask = 'transcribe' | 'translate';

const FILE_PARAMETER = 'Input Data Field Name';
const JSON_FORMATS = new Set(['json', 'verbose_json']);

export function transcriptionProperties(task: AudioTask): INodeProperties[] {
	const options: INodeProperties[] = [
		...(task === 'transcribe'
			? [
					{
						displayName: 'Language',
						name: 'language',
						type: 'string',
						default: '',
						placeholder: 'e.g. en',
						description: 'The spoken language as an ISO-639-1 code (en, de, fr …); improves accuracy and speed',
					} satisfies INodeProperties,
				]
			: []),
		{
			displayName: 'Prompt',
			name: 'prompt',
			type: 'string',
			typeOptions: { rows: 2 },
			default: '',
			description: `Text to guide the style or continue a previous segment${task === 'translate' ? ' (in English)' : ' (in the audio\'s language)'}`,
		},
		{
			displayName: 'Response Format',
			name: 'responseFormat',
			type: 'options',
			default: 'json',
			options: [
				{ name: 'JSON', value: 'json', description: 'The text (and usage)' },
				{ name: 'SRT Subtitles', value: 'srt', description: 'Only with whisper-1' },
				{ name: 'Text', value: 'text' },
				{ name: 'Verbose JSON', value: 'verbose_json', description: 'Language, duration, segments, optional word timestamps; whisper-1 only' },
				{ name: 'VTT Subtitles', value: 'vtt', description: 'Only with whisper-1' },
			],
			description: 'What the output contains',
		},
		{
			displayName: 'Temperature',
			name: 'temperature',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 1, numberPrecision: 2 },
			default: 0,
			description: 'Sampling temperature between 0 and 1; higher is more random',
		},
		...(task === 'transcribe'
			? [
					{
						displayName: 'Timestamp Granularities',
						name: 'timestampGranularities',
						type: 'multiOptions',
						default: [],
						options: [
							{ name: 'Segment', value: 'segment' },
							{ name: 'Word', value: 'word' },
						],
						description: 'Timestamps to add (needs the Verbose JSON format and whisper-1)',
					} satisfies INodeProperties,
				]
			: []),
	];
	return [
		modelLocator({
			searchListMethod: 'searchTranscriptionModels',
			default: { mode: 'list', value: 'whisper-1' },
			description:
				task === 'translate'
					? 'The model; OpenAI translates with whisper-1'
					: 'The speech-to-text model: whisper-1, gpt-4o-transcribe or gpt-4o-mini-transcribe',
		}),
		binaryInputProperty({ description: 'The binary property with the audio file (flac, m4a, mp3, mp4, mpeg, mpga, oga, ogg, wav or webm; up to 25 MB)' }),
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options,
		},
	];
}

export interface TranscriptionRequest {
	file: Uploadable;
	model: string;
	language?: string;
	prompt?: string;
	response_format?: 'json' | 'text' | 'srt' | 'verbose_json' | 'vtt';
	temperature?: number;
	timestamp_granularities?: Array<'word' | 'segment'>;
}

/** One item's request: the file checked (type, 25 MB) and the options checked against the model. */
export async function readTranscriptionRequest(n8n: IExecuteFunctions, itemIndex: number, task: AudioTask): Promise<TranscriptionRequest> {
	const model = readModelId(n8n, itemIndex);
	const options = n8n.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const format = (options.responseFormat as TranscriptionRequest['response_format']) ?? 'json';
	const isGpt4oTranscribe = /transcribe/.test(model);
	const problem = (option: string, message: string, fix: string) => inputError(n8n, itemIndex, message, `OpenAI would reject this. ${fix} (the "${option}" ${option === 'Model' ? 'parameter' : 'option'}).`);
	if (task === 'translate' && isGpt4oTranscribe) {
		throw problem('Model', `${model} cannot translate; OpenAI translates audio to English with whisper-1`, 'Pick whisper-1');
	}
	if (isGpt4oTranscribe && !['json', 'text'].includes(format)) {
		throw problem('Response Format', `The "${format}" response format does not work with ${model}, which returns only JSON or text`, 'Choose JSON or Text, or use whisper-1');
	}
	const granularities = (options.timestampGranularities as Array<'word' | 'segment'> | undefined) ?? [];
	if (granularities.length && format !== 'verbose_json') {
		throw problem('Timestamp Granularities', `Timestamps need the "Verbose JSON" response format, not "${format}"`, 'Set Response Format to Verbose JSON');
	}
	const language = typeof options.language === 'string' ? options.language.trim().toLowerCase() : '';
	if (language && !/^[a-z]{2}$/.test(language)) {
		throw inputError(n8n, itemIndex, `The "Language" option "${String(options.language)}" is not an ISO-639-1 code`, 'Use a two-letter code such as en, de or fr.');
	}
	const name = String(n8n.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
	const input = await describeBinary(n8n, itemIndex, name, FILE_PARAMETER);
	checkType(n8n, itemIndex, input, AUDIO_UPLOAD_TYPES);
	checkSize(n8n, itemIndex, input, MAX_AUDIO_BYTES, task === 'translate' ? 'translation' : 'transcription');
	const prompt = typeof options.prompt === 'string' && options.prompt.trim() ? options.prompt : undefined;
	const temperature = options.temperature === undefined ? undefined : Number(options.temperature);
	return {
		file: await toUploadable(n8n, itemIndex, input),
		model,
		...(language ? { language } : {}),
		...(prompt ? { prompt } : {}),
		response_format: format,
		...(temperature !== undefined && temperature !== 0 ? { temperature } : {}),
		...(granularities.length ? { timestamp_granularities: granularities } : {}),
	};
}

/** JSON formats come back as objects; text, SRT and VTT as the text itself (both checked by `checkTranscription`). */
export function transcriptionJson(result: unknown, request: TranscriptionRequest): IDataObject {
	if (JSON_FORMATS.has(request.response_format ?? 'json')) return { ...(result as IDataObject), model: request.model };
	return { text: (result as string).replace(/\n$/, ''), format: request.response_format ?? 'json', model: request.model };
}
