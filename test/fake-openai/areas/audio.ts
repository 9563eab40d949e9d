import type { AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidEnumValue, invalidType, invalidValue, missingParameter, modelNotFound } from '../errors';
import { BASE_MODEL_IDS } from './modelCatalogue';
import { audioSeconds, detectAudioContainer, encodeSpeech, readSpeechText, sha256, SPEECH_MIME_TYPES, type SpeechFormat } from './media/audioCodecs';
import { mediaInspector, recordUpload } from './media/inspect';
import { field, fieldList, readMultipart } from './media/multipart';

/**
 * /v1/audio/speech (small valid audio that carries its text), /v1/audio/transcriptions and
 * /v1/audio/translations (multipart; the text is read back from the uploaded bytes, so a
 * speech → transcription round trip returns the original text, and any other file gets a text
 * derived from its sha256).
 */
const SPEECH_MODELS = ['tts-1', 'tts-1-hd', 'gpt-4o-mini-tts'];
const VOICES = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'fable', 'onyx', 'nova', 'sage', 'shimmer', 'verse', 'marin', 'cedar'];
const SPEECH_FORMATS: SpeechFormat[] = ['mp3', 'opus', 'aac', 'flac', 'wav', 'pcm'];
const TRANSCRIPTION_MODELS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'];
const RESPONSE_FORMATS = ['json', 'text', 'srt', 'verbose_json', 'vtt'];
const MAX_AUDIO_BYTES = 25 * 1024 * 1024;
const SUPPORTED_UPLOADS = "['flac', 'm4a', 'mp3', 'mp4', 'mpeg', 'mpga', 'oga', 'ogg', 'wav', 'webm']";

export const audioArea: AreaFactory = (context) => ({
	name: 'audio',
	reset: () => {
		mediaInspector(context).uploads.length = 0;
	},
	routes: [
		{
			method: 'POST',
			path: '/v1/audio/speech',
			auth: { kind: 'api' },
			billable: true,
			estimateTokens: ({ body }) => Math.ceil(String((body as { input?: unknown })?.input ?? '').length / 4),
			handle: ({ body }) => {
				const request = (body ?? {}) as Record<string, unknown>;
				for (const name of ['model', 'input', 'voice']) if (request[name] === undefined) throw missingParameter(name);
				const model = String(request.model);
				checkModel(model, SPEECH_MODELS, 'text-to-speech');
				if (typeof request.input !== 'string') throw invalidType('input', 'a string', typeof request.input);
				if (request.input.length > 4096) {
					throw new ApiError(400, 'invalid_request_error', `Invalid 'input': string too long. Expected a string with maximum length 4096, but got a string with length ${request.input.length} instead.`, 'input', 'string_above_max_length');
				}
				const voice = String(request.voice);
				if (!VOICES.includes(voice)) throw invalidEnumValue('voice', voice, VOICES);
				if (request.instructions !== undefined && model !== 'gpt-4o-mini-tts') {
					throw invalidValue('instructions', `instructions are not supported by ${model}; use gpt-4o-mini-tts.`);
				}
				const format = (request.response_format ?? 'mp3') as SpeechFormat;
				if (!SPEECH_FORMATS.includes(format)) throw invalidEnumValue('response_format', String(format), SPEECH_FORMATS);
				const speed = request.speed === undefined ? 1 : Number(request.speed);
				if (!(speed >= 0.25 && speed <= 4)) throw invalidValue('speed', 'expected a number between 0.25 and 4.');
				return { raw: encodeSpeech(request.input, format, speed), contentType: SPEECH_MIME_TYPES[format] };
			},
		},
		{
			method: 'POST',
			path: '/v1/audio/transcriptions',
			auth: { kind: 'api' },
			billable: true,
			body: 'raw',
			handle: (request) => transcribe(request, 'transcribe', context),
		},
		{
			method: 'POST',
			path: '/v1/audio/translations',
			auth: { kind: 'api' },
			billable: true,
			body: 'raw',
			handle: (request) => transcribe(request, 'translate', context),
		},
	],
});

function checkModel(model: string, accepted: string[], what: string): void {
	if (accepted.includes(model)) return;
	if (BASE_MODEL_IDS.includes(model)) throw invalidValue('model', `the model '${model}' does not support ${what}.`);
	throw modelNotFound(model);
}

function transcribe(request: FakeRequest, task: 'transcribe' | 'translate', context: Parameters<AreaFactory>[0]) {
	const form = readMultipart(request);
	recordUpload(context, request.path, form);
	const model = field(form, 'model');
	if (model === undefined) throw missingParameter('model');
	if (task === 'translate') checkModel(model, ['whisper-1'], 'translations');
	else checkModel(model, TRANSCRIPTION_MODELS, 'transcriptions');
	const file = form.files.file?.[0];
	if (!file) throw missingParameter('file');
	if (file.data.length > MAX_AUDIO_BYTES) {
		throw new ApiError(413, 'invalid_request_error', `Maximum content size limit (${MAX_AUDIO_BYTES}) exceeded (${file.data.length} bytes read)`, 'file');
	}
	const container = detectAudioContainer(file.data);
	if (!container) {
		throw new ApiError(400, 'invalid_request_error', `Invalid file format. Supported formats: ${SUPPORTED_UPLOADS}`, 'file', 'invalid_value');
	}
	const format = field(form, 'response_format') ?? 'json';
	if (!RESPONSE_FORMATS.includes(format)) throw invalidEnumValue('response_format', format, RESPONSE_FORMATS);
	if (model !== 'whisper-1' && !['json', 'text'].includes(format)) {
		throw invalidValue('response_format', `'${format}' is not compatible with ${model}; use 'json' or 'text'.`);
	}
	const granularities = fieldList(form, 'timestamp_granularities');
	for (const granularity of granularities) {
		if (!['word', 'segment'].includes(granularity)) throw invalidEnumValue('timestamp_granularities', granularity, ['word', 'segment']);
	}
	if (granularities.length && format !== 'verbose_json') {
		throw invalidValue('timestamp_granularities', "timestamp granularities need response_format 'verbose_json'.");
	}
	const language = field(form, 'language');
	if (language !== undefined && !/^[a-z]{2}$/.test(language)) {
		throw invalidValue('language', `'${language}' is not a supported ISO-639-1 language code.`);
	}
	const spoken = readSpeechText(file.data);
	const heard = spoken ?? `Audio of ${file.data.length} bytes (${container}), sha256 ${sha256(file.data).slice(0, 16)}`;
	const text = task === 'translate' ? `[English] ${heard}` : heard;
	const seconds = audioSeconds(file.data, spoken);
	request.reportTokens(Math.ceil(text.length / 4));

	const words = text.split(/\s+/).filter(Boolean);
	const step = seconds / Math.max(1, words.length);
	const timed = words.map((word, index) => ({ word, start: round(index * step), end: round((index + 1) * step) }));
	if (format === 'text') return { raw: `${text}\n`, contentType: 'text/plain; charset=utf-8' };
	if (format === 'srt') return { raw: `1\n${srtTime(0)} --> ${srtTime(seconds)}\n${text}\n\n`, contentType: 'text/plain; charset=utf-8' };
	if (format === 'vtt') return { raw: `WEBVTT\n\n${vttTime(0)} --> ${vttTime(seconds)}\n${text}\n\n`, contentType: 'text/plain; charset=utf-8' };
	if (format === 'verbose_json') {
		const body: Record<string, unknown> = {
			task,
			language: task === 'translate' ? 'english' : languageName(language),
			duration: seconds,
			text,
			usage: { type: 'duration', seconds: Math.ceil(seconds) },
		};
		if (granularities.length === 0 || granularities.includes('segment')) {
			body.segments = [
				{ id: 0, seek: 0, start: 0, end: seconds, text: ` ${text}`, tokens: words.map((_, i) => 50_364 + i), temperature: 0, avg_logprob: -0.21, compression_ratio: 1.1, no_speech_prob: 0.01 },
			];
		}
		if (granularities.includes('word')) body.words = timed;
		return { body };
	}
	const usage =
		model === 'whisper-1'
			? { type: 'duration', seconds: Math.ceil(seconds) }
			: { type: 'tokens', input_tokens: Math.ceil(seconds * 10), input_token_details: { text_tokens: 0, audio_tokens: Math.ceil(seconds * 10) }, output_tokens: Math.ceil(text.length / 4), total_tokens: Math.ceil(seconds * 10) + Math.ceil(text.length / 4) };
	return { body: task === 'translate' ? { text } : { text, usage } };
}

const round = (value: number) => Math.round(value * 100) / 100;

function srtTime(seconds: number): string {
	return timestamp(seconds, ',');
}

function vttTime(seconds: number): string {
	return timestamp(seconds, '.');
}

function timestamp(seconds: number, separator: string): string {
	const ms = Math.round(seconds * 1000);
	const pad = (value: number, length = 2) => String(value).padStart(length, '0');
	return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}${separator}${pad(ms % 1000, 3)}`;
}

function languageName(code: string | undefined): string {
	const names: Record<string, string> = { en: 'english', de: 'german', fr: 'french', es: 'spanish', it: 'italian', ja: 'japanese' };
	return (code && names[code]) ?? 'english';
}
