import { deflateSync } from 'node:zlib';

import { crc32 } from './crc';

/**
 * Small but real images for the fake: solid-colour PNG (RGB or RGBA), baseline greyscale JPEG
 * and lossless WebP (VP8L), plus a reader of the dimensions of PNG/JPEG/WebP/GIF files.
 */
export type ImageFormat = 'png' | 'jpeg' | 'webp';

export interface Rgba {
	r: number;
	g: number;
	b: number;
	a: number;
}

export function encodeImage(format: ImageFormat, width: number, height: number, colour: Rgba): Buffer {
	if (format === 'jpeg') return encodeJpeg(width, height, Math.round((colour.r + colour.g + colour.b) / 3));
	if (format === 'webp') return encodeWebp(width, height, colour);
	return encodePng(width, height, colour);
}

export function encodePng(width: number, height: number, { r, g, b, a }: Rgba): Buffer {
	const alpha = a < 255;
	const channels = alpha ? 4 : 3;
	const row = Buffer.alloc(1 + width * channels);
	for (let x = 0; x < width; x++) {
		row.set(alpha ? [r, g, b, a] : [r, g, b], 1 + x * channels);
	}
	const raw = Buffer.alloc(row.length * height);
	for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, alpha ? 6 : 2, 0, 0, 0], 8);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		pngChunk('IHDR', header),
		pngChunk('IDAT', deflateSync(raw)),
		pngChunk('IEND', Buffer.alloc(0)),
	]);
}

function pngChunk(type: string, data: Buffer): Buffer {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const name = Buffer.from(type, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(name, data));
	return Buffer.concat([length, name, data, crc]);
}

/** Baseline JPEG, one grey component, every 8x8 block flat (DC only, Huffman tables made to fit). */
export function encodeJpeg(width: number, height: number, grey: number): Buffer {
	const dc = 8 * (Math.max(0, Math.min(255, grey)) - 128);
	const category = dc === 0 ? 0 : Math.floor(Math.log2(Math.abs(dc))) + 1;
	const segment = (marker: number, body: number[]) => [0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
	const bits = new BitWriter();
	const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
	for (let block = 0; block < blocks; block++) {
		if (block === 0 && category > 0) {
			bits.write(0b01, 2); // DC symbol `category`
			bits.write(dc > 0 ? dc : dc - 1 + (1 << category), category);
		} else {
			bits.write(0b00, 2); // DC symbol 0: no change
		}
		bits.write(0, 1); // AC symbol 0x00: end of block
	}
	const scan = bits.finishJpeg();
	const dcSymbols = category > 0 ? [0, category] : [0, 1];
	return Buffer.from([
		0xff, 0xd8,
		...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
		...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
		...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
		...segment(0xc4, [0x00, 0, 2, ...new Array<number>(14).fill(0), ...dcSymbols]),
		...segment(0xc4, [0x10, 1, ...new Array<number>(15).fill(0), 0x00]),
		...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
		...scan,
		0xff, 0xd9,
	]);
}

/** Lossless WebP (VP8L) of one colour: five single-symbol prefix codes, so no pixel costs a bit. */
export function encodeWebp(width: number, height: number, { r, g, b, a }: Rgba): Buffer {
	const bits = new BitWriter(true);
	bits.write(0x2f, 8);
	bits.write(width - 1, 14);
	bits.write(height - 1, 14);
	bits.write(a < 255 ? 1 : 0, 1);
	bits.write(0, 3); // version
	bits.write(0, 1); // no transform
	bits.write(0, 1); // no colour cache
	bits.write(0, 1); // no meta prefix codes
	for (const symbol of [g, r, b, a, 0]) {
		bits.write(1, 1); // simple code
		bits.write(0, 1); // one symbol
		bits.write(1, 1); // 8-bit symbol
		bits.write(symbol, 8);
	}
	let data = bits.finish();
	const chunkSize = data.length;
	if (data.length % 2) data = Buffer.concat([data, Buffer.alloc(1)]);
	const header = Buffer.alloc(20);
	header.write('RIFF', 0, 'ascii');
	header.writeUInt32LE(4 + 8 + data.length, 4);
	header.write('WEBPVP8L', 8, 'ascii');
	header.writeUInt32LE(chunkSize, 16);
	return Buffer.concat([header, data]);
}

class BitWriter {
	private bytes: number[] = [];
	private current = 0;
	private count = 0;

	/** `lsbFirst`: WebP packs bits from the least significant end; JPEG from the most. */
	constructor(private readonly lsbFirst = false) {}

	write(value: number, length: number): void {
		for (let i = 0; i < length; i++) {
			const bit = this.lsbFirst ? (value >> i) & 1 : (value >> (length - 1 - i)) & 1;
			this.current |= this.lsbFirst ? bit << this.count : bit << (7 - this.count);
			if (++this.count === 8) this.flush();
		}
	}

	finish(): Buffer {
		if (this.count > 0) this.flush();
		return Buffer.from(this.bytes);
	}

	/** JPEG: pad with 1-bits and stuff a 0x00 after every 0xFF. */
	finishJpeg(): Buffer {
		if (this.count > 0) this.write(0xff, 8 - this.count);
		const out: number[] = [];
		for (const byte of this.bytes) out.push(...(byte === 0xff ? [0xff, 0] : [byte]));
		return Buffer.from(out);
	}

	private flush(): void {
		this.bytes.push(this.current);
		this.current = 0;
		this.count = 0;
	}
}

export interface ImageInfo {
	format: ImageFormat | 'gif';
	width: number;
	height: number;
	/** PNG colour type with alpha (4, 6) or a tRNS chunk; WebP alpha flag */
	hasAlpha: boolean;
}

/** Format and size from the file's own header; undefined for anything else. */
export function readImageInfo(data: Buffer): ImageInfo | undefined {
	if (data.length >= 26 && data.readUInt32BE(0) === 0x89504e47) {
		const colourType = data[25];
		return {
			format: 'png',
			width: data.readUInt32BE(16),
			height: data.readUInt32BE(20),
			hasAlpha: colourType === 4 || colourType === 6 || data.includes(Buffer.from('tRNS')),
		};
	}
	if (data.length >= 10 && data.toString('ascii', 0, 3) === 'GIF') {
		return { format: 'gif', width: data.readUInt16LE(6), height: data.readUInt16LE(8), hasAlpha: false };
	}
	if (data.length >= 30 && data.toString('ascii', 0, 4) === 'RIFF' && data.toString('ascii', 8, 12) === 'WEBP') {
		const chunk = data.toString('ascii', 12, 16);
		if (chunk === 'VP8L') {
			const bits = data.readUInt32LE(21);
			return { format: 'webp', width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1, hasAlpha: ((bits >> 28) & 1) === 1 };
		}
		if (chunk === 'VP8X') {
			return { format: 'webp', width: data.readUIntLE(24, 3) + 1, height: data.readUIntLE(27, 3) + 1, hasAlpha: (data[20] & 0x10) !== 0 };
		}
		if (chunk === 'VP8 ') {
			return { format: 'webp', width: data.readUInt16LE(26) & 0x3fff, height: data.readUInt16LE(28) & 0x3fff, hasAlpha: false };
		}
		return undefined;
	}
	if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) {
		let offset = 2;
		while (offset + 9 < data.length && data[offset] === 0xff) {
			const marker = data[offset + 1];
			const length = data.readUInt16BE(offset + 2);
			if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
				return { format: 'jpeg', width: data.readUInt16BE(offset + 7), height: data.readUInt16BE(offset + 5), hasAlpha: false };
			}
			offset += 2 + length;
		}
	}
	return undefined;
}
