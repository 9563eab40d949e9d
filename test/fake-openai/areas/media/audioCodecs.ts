import { createHash } from 'node:crypto';

import { oggCrc } from './crc';

/**
 * Small valid audio files for the fake's text-to-speech, and the way back: the spoken text is kept
 * in the file's own metadata (WAV LIST/INFO comment, ID3 TXXX frame, FLAC/Opus Vorbis comment) as
 * `fake-openai-text=<base64url>`, so a transcription of the same bytes returns the same text. That
 * proves a binary round trip delivered the exact bytes.
 */
export type SpeechFormat = 'mp3' | 'opus' | 'aac' | 'flac' | 'wav' | 'pcm';

export const SPEECH_MIME_TYPES: Record<SpeechFormat, string> = {
	mp3: 'audio/mpeg',
	opus: 'audio/ogg',
	aac: 'audio/aac',
	flac: 'audio/flac',
	wav: 'audio/wav',
	pcm: 'audio/pcm',
};

const MARKER = 'fake-openai-text=';

/** Seconds of speech for a text: about 15 characters a second at speed 1. */
export function speechSeconds(text: string, speed = 1): number {
	return Math.max(0.5, Math.round((text.length / 15 / speed) * 100) / 100);
}

export function encodeSpeech(text: string, format: SpeechFormat, speed = 1): Buffer {
	const seconds = speechSeconds(text, speed);
	const tag = MARKER + Buffer.from(text, 'utf8').toString('base64url');
	switch (format) {
		case 'wav':
			return encodeWav(tag, seconds);
		case 'mp3':
			return Buffer.concat([id3(tag), mpegFrames(seconds)]);
		case 'aac':
			return Buffer.concat([id3(tag), adtsFrames(seconds)]);
		case 'flac':
			return encodeFlacHeader(tag, seconds);
		case 'opus':
			return encodeOggOpusHeader(tag);
		case 'pcm':
			return tone(24_000 * seconds, 24_000, 2);
	}
}

/** The text a file made by encodeSpeech carries, if any. */
export function readSpeechText(data: Buffer): string | undefined {
	const match = new RegExp(`${MARKER}([A-Za-z0-9_-]+)`).exec(data.toString('latin1'));
	return match ? Buffer.from(match[1], 'base64url').toString('utf8') : undefined;
}

/** The container of an uploaded audio file, by its magic bytes (what the real API accepts). */
export function detectAudioContainer(data: Buffer): 'wav' | 'mp3' | 'flac' | 'ogg' | 'mp4' | 'webm' | undefined {
	if (data.length < 12) return undefined;
	if (data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WAVE') return 'wav';
	if (data.toString('ascii', 0, 4) === 'fLaC') return 'flac';
	if (data.toString('ascii', 0, 4) === 'OggS') return 'ogg';
	if (data.toString('ascii', 4, 8) === 'ftyp') return 'mp4';
	if (data.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
	if (data.toString('ascii', 0, 3) === 'ID3') {
		// an ID3 tag in front of ADTS (AAC) frames is not MP3
		const size = (data[6] << 21) | (data[7] << 14) | (data[8] << 7) | data[9];
		const after = 10 + size;
		if (after + 1 < data.length && data[after] === 0xff && (data[after + 1] & 0xf6) === 0xf0) return undefined;
		return 'mp3';
	}
	if (data[0] === 0xff && (data[1] & 0xe0) === 0xe0 && (data[1] & 0x06) !== 0) return 'mp3';
	return undefined;
}

/** Seconds of audio: from a WAV header, else estimated from the size. */
export function audioSeconds(data: Buffer, text: string | undefined): number {
	if (data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WAVE') {
		const byteRate = data.readUInt32LE(28);
		const dataAt = data.indexOf('data', 12, 'ascii');
		if (byteRate > 0 && dataAt > 0) return Math.round((data.readUInt32LE(dataAt + 4) / byteRate) * 100) / 100;
	}
	return text ? speechSeconds(text) : Math.max(1, Math.round(data.length / 4000));
}

export function sha256(data: Buffer): string {
	return createHash('sha256').update(data).digest('hex');
}

function tone(samples: number, rate: number, bytesPerSample: 1 | 2): Buffer {
	const count = Math.round(samples);
	const out = Buffer.alloc(count * bytesPerSample);
	for (let i = 0; i < count; i++) {
		const value = Math.sin((2 * Math.PI * 440 * i) / rate) * 0.2;
		if (bytesPerSample === 1) out[i] = Math.round(128 + value * 127);
		else out.writeInt16LE(Math.round(value * 32767), i * 2);
	}
	return out;
}

function encodeWav(tag: string, seconds: number): Buffer {
	const rate = 8000;
	const samples = tone(rate * seconds, rate, 1);
	const comment = Buffer.from(`${tag}\0`, 'latin1');
	const commentPadded = comment.length % 2 ? Buffer.concat([comment, Buffer.alloc(1)]) : comment;
	const info = Buffer.concat([Buffer.from('INFO'), chunk('ICMT', comment, commentPadded)]);
	const fmt = Buffer.alloc(16);
	fmt.writeUInt16LE(1, 0); // PCM
	fmt.writeUInt16LE(1, 2); // mono
	fmt.writeUInt32LE(rate, 4);
	fmt.writeUInt32LE(rate, 8); // byte rate
	fmt.writeUInt16LE(1, 12); // block align
	fmt.writeUInt16LE(8, 14); // bits per sample
	const padded = samples.length % 2 ? Buffer.concat([samples, Buffer.alloc(1)]) : samples;
	const body = Buffer.concat([Buffer.from('WAVE'), chunk('fmt ', fmt), chunk('LIST', info), chunk('data', samples, padded)]);
	return Buffer.concat([Buffer.from('RIFF'), u32le(body.length), body]);
}

function chunk(id: string, data: Buffer, padded: Buffer = data): Buffer {
	return Buffer.concat([Buffer.from(id, 'ascii'), u32le(data.length), padded]);
}

function u32le(value: number): Buffer {
	const out = Buffer.alloc(4);
	out.writeUInt32LE(value);
	return out;
}

/** ID3v2.3 tag with one TXXX frame (description "fake-openai"). */
function id3(tag: string): Buffer {
	const frameBody = Buffer.concat([Buffer.from([0]), Buffer.from('fake-openai\0', 'latin1'), Buffer.from(tag, 'latin1')]);
	const frameHeader = Buffer.alloc(10);
	frameHeader.write('TXXX', 0, 'ascii');
	frameHeader.writeUInt32BE(frameBody.length, 4);
	const size = frameHeader.length + frameBody.length;
	const syncsafe = [(size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f];
	return Buffer.concat([Buffer.from([0x49, 0x44, 0x33, 3, 0, 0, ...syncsafe]), frameHeader, frameBody]);
}

/** Silent MPEG-1 Layer III frames, 32 kbit/s, 44.1 kHz, mono (104 bytes, 1152 samples each). */
function mpegFrames(seconds: number): Buffer {
	const frames = Math.max(1, Math.round((seconds * 44_100) / 1152));
	const frame = Buffer.alloc(104);
	frame.set([0xff, 0xfb, 0x10, 0xc4]);
	return Buffer.concat(new Array<Buffer>(frames).fill(frame));
}

/** ADTS frames of AAC-LC, 44.1 kHz, mono, each a silent raw block. */
function adtsFrames(seconds: number): Buffer {
	const frames = Math.max(1, Math.round((seconds * 44_100) / 1024));
	const payload = Buffer.from([0x00, 0xc8, 0x00, 0x80, 0x23, 0x80]);
	const length = 7 + payload.length;
	const header = Buffer.from([
		0xff,
		0xf1,
		(1 << 6) | (4 << 2) | 0, // LC, 44.1 kHz, channel config high bit 0
		(1 << 6) | ((length >> 11) & 0x03), // channel config 1
		(length >> 3) & 0xff,
		((length & 0x07) << 5) | 0x1f,
		0xfc,
	]);
	const frame = Buffer.concat([header, payload]);
	return Buffer.concat(new Array<Buffer>(frames).fill(frame));
}

function vorbisComment(tag: string): Buffer {
	const vendor = Buffer.from('fake-openai', 'utf8');
	const comment = Buffer.from(`DESCRIPTION=${tag}`, 'utf8');
	const out = Buffer.alloc(4 + vendor.length + 4 + 4 + comment.length);
	let offset = out.writeUInt32LE(vendor.length, 0);
	offset += vendor.copy(out, offset);
	offset = out.writeUInt32LE(1, offset);
	offset = out.writeUInt32LE(comment.length, offset);
	comment.copy(out, offset);
	return out;
}

/** FLAC stream header: STREAMINFO and a Vorbis comment (no audio frames). */
function encodeFlacHeader(tag: string, seconds: number): Buffer {
	const rate = 24_000;
	const info = Buffer.alloc(34);
	info.writeUInt16BE(4096, 0); // min block size
	info.writeUInt16BE(4096, 2); // max block size
	const totalSamples = Math.round(rate * seconds);
	// 20 bits sample rate, 3 bits channels-1, 5 bits bits-per-sample-1, 36 bits total samples
	info[10] = (rate >> 12) & 0xff;
	info[11] = (rate >> 4) & 0xff;
	info[12] = ((rate & 0x0f) << 4) | (0 << 1) | ((15 >> 4) & 0x01);
	info[13] = ((15 & 0x0f) << 4) | Math.floor(totalSamples / 2 ** 32) & 0x0f;
	info.writeUInt32BE(totalSamples >>> 0, 14);
	const comment = vorbisComment(tag);
	const blockHeader = (type: number, length: number, last: boolean) =>
		Buffer.from([(last ? 0x80 : 0) | type, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]);
	return Buffer.concat([Buffer.from('fLaC'), blockHeader(0, 34, false), info, blockHeader(4, comment.length, true), comment]);
}

/** Ogg Opus: the identification page and the comment page. */
function encodeOggOpusHeader(tag: string): Buffer {
	const head = Buffer.alloc(19);
	head.write('OpusHead', 0, 'ascii');
	head[8] = 1; // version
	head[9] = 1; // channels
	head.writeUInt16LE(312, 10); // pre-skip
	head.writeUInt32LE(48_000, 12);
	const tags = Buffer.concat([Buffer.from('OpusTags'), vorbisComment(tag)]);
	return Buffer.concat([oggPage(head, 0, 0x02), oggPage(tags, 1, 0x04)]);
}

function oggPage(packet: Buffer, sequence: number, headerType: number): Buffer {
	const segments: number[] = [];
	let left = packet.length;
	while (left >= 255) {
		segments.push(255);
		left -= 255;
	}
	segments.push(left);
	const header = Buffer.alloc(27 + segments.length);
	header.write('OggS', 0, 'ascii');
	header[5] = headerType;
	header.writeUInt32LE(0x0f4e5a11, 14); // stream serial number
	header.writeUInt32LE(sequence, 18);
	header[26] = segments.length;
	header.set(segments, 27);
	const page = Buffer.concat([header, packet]);
	page.writeUInt32LE(oggCrc(page), 22);
	return page;
}
