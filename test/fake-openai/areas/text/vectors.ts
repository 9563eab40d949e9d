import { endianness } from 'node:os';

import { hash32 } from '../../deterministic';

/**
 * Deterministic unit-length embedding vectors, cheap enough for 2,048 inputs x 3,072 dimensions
 * per request: a xorshift32 stream seeded by a hash of (seed, model, text), then normalised.
 * A shorter `dimensions` gives the first components of the full vector, renormalised
 * (what text-embedding-3 does), so the same text always points the same way.
 */
const LITTLE_ENDIAN = endianness() === 'LE';

/** Writes `count` unit vectors of `dimensions` floats into one Float32Array (vector i at i * dimensions). */
export function embedAll(texts: readonly string[], dimensions: number, salt: string): Float32Array {
	const out = new Float32Array(texts.length * dimensions);
	for (let i = 0; i < texts.length; i++) writeUnitVector(out, i * dimensions, dimensions, hash32(salt, texts[i]));
	return out;
}

function writeUnitVector(out: Float32Array, offset: number, dimensions: number, seed: number): void {
	let state = seed || 0x9e3779b9;
	let sumOfSquares = 0;
	for (let i = 0; i < dimensions; i++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		const value = (state | 0) / 2147483648; // [-1, 1)
		out[offset + i] = value;
		sumOfSquares += value * value;
	}
	const scale = sumOfSquares > 0 ? 1 / Math.sqrt(sumOfSquares) : 0;
	for (let i = 0; i < dimensions; i++) out[offset + i] *= scale;
}

/**
 * The whole /embeddings response body, written straight into one Buffer (JSON.stringify of 3 million
 * numbers is several times slower; timings in README.md). The bytes are the JSON
 * `{ object: 'list', data: [{ object: 'embedding', index, embedding }], model, usage }`.
 * Floats are printed with 8 decimals (trailing zeros dropped); base64 is the little-endian float32 bytes.
 */
export function embeddingsJson(
	vectors: Float32Array,
	count: number,
	dimensions: number,
	encoding: 'float' | 'base64',
	model: string,
	tokens: number,
): Buffer {
	const perVector = encoding === 'base64' ? Math.ceil((dimensions * 4) / 3) * 4 + 2 : dimensions * 12 + 2;
	const out = Buffer.allocUnsafe(count * (perVector + 64) + model.length * 2 + 128);
	let at = out.write('{"object":"list","data":[', 0, 'latin1');
	for (let index = 0; index < count; index++) {
		at += out.write(`${index === 0 ? '' : ','}{"object":"embedding","index":${index},"embedding":`, at, 'latin1');
		at = encoding === 'base64' ? writeBase64(out, at, vectors, index, dimensions) : writeFloats(out, at, vectors, index * dimensions, dimensions);
		out[at++] = 0x7d; // }
	}
	at += out.write(`],"model":${JSON.stringify(model)},"usage":{"prompt_tokens":${tokens},"total_tokens":${tokens}}}`, at, 'utf8');
	return out.subarray(0, at);
}

function writeBase64(out: Buffer, at: number, vectors: Float32Array, index: number, dimensions: number): number {
	let bytes = Buffer.from(vectors.buffer, vectors.byteOffset + index * dimensions * 4, dimensions * 4);
	if (!LITTLE_ENDIAN) bytes = Buffer.from(bytes).swap32();
	out[at++] = 0x22; // "
	at += out.write(bytes.toString('base64'), at, 'latin1');
	out[at++] = 0x22;
	return at;
}

const DIGIT_0 = 0x30;

function writeFloats(out: Buffer, at: number, vectors: Float32Array, offset: number, dimensions: number): number {
	out[at++] = 0x5b; // [
	for (let i = 0; i < dimensions; i++) {
		if (i > 0) out[at++] = 0x2c; // ,
		let scaled = Math.round(vectors[offset + i] * 1e8) | 0; // int32 arithmetic below: 3x faster than doubles
		if (scaled < 0) {
			out[at++] = 0x2d; // -
			scaled = -scaled;
		}
		if (scaled >= 100_000_000) {
			out[at++] = DIGIT_0 + 1;
			continue;
		}
		out[at++] = DIGIT_0;
		out[at++] = 0x2e; // .
		let end = at + 8;
		for (let position = end - 1; position >= at; position--) {
			const rest = (scaled / 10) | 0;
			out[position] = DIGIT_0 + (scaled - rest * 10);
			scaled = rest;
		}
		while (end > at + 1 && out[end - 1] === DIGIT_0) end--; // 0.01230000 -> 0.0123
		at = end;
	}
	out[at++] = 0x5d; // ]
	return at;
}
