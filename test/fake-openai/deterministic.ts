import { createHash } from 'node:crypto';

/**
 * Deterministic helpers: the same inputs always give the same ids and numbers,
 * so the same request gives the same response body.
 */

type HashPart = string | number | boolean | null | undefined;

/** 32-bit FNV-1a over the parts, finished with a murmur3 mix. Cheap enough for hot paths. */
export function hash32(...parts: HashPart[]): number {
	let h = 0x811c9dc5;
	for (const part of parts) {
		const text = `${String(part)}\u0001`;
		for (let i = 0; i < text.length; i++) {
			h ^= text.charCodeAt(i);
			h = Math.imul(h, 0x01000193);
		}
	}
	h ^= h >>> 16;
	h = Math.imul(h, 0x85ebca6b);
	h ^= h >>> 13;
	h = Math.imul(h, 0xc2b2ae35);
	h ^= h >>> 16;
	return h >>> 0;
}

/** A float in [0, 1) derived from the parts. */
export function unitFloat(...parts: HashPart[]): number {
	return hash32(...parts) / 0x1_0000_0000;
}

/** Seeded PRNG (mulberry32): a function returning floats in [0, 1). */
export function createPrng(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
	};
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base62 characters derived from the parts (sha256, so well spread). */
export function base62Digest(length: number, ...parts: HashPart[]): string {
	const digest = createHash('sha256').update(parts.map(String).join('\u0001')).digest();
	let out = '';
	for (let i = 0; out.length < length; i++) out += BASE62[digest[i % digest.length] % 62];
	return out;
}

/** `length` hex characters derived from the parts. */
export function hexDigest(length: number, ...parts: HashPart[]): string {
	return createHash('sha256').update(parts.map(String).join('\u0001')).digest('hex').slice(0, length);
}

/**
 * Makes ids where the real API makes new ones: derived from the seed, the given parts and a
 * per-factory counter, so a fresh server (or `reset()`) replays the same ids in the same order.
 */
export class IdFactory {
	private counter = 0;

	constructor(private readonly seed: string) {}

	/** e.g. `next('file-', 24, filename)` -> 'file-' + 24 base62 chars. */
	next(prefix: string, length: number, ...parts: HashPart[]): string {
		this.counter++;
		return prefix + base62Digest(length, this.seed, this.counter, ...parts);
	}

	/** An OpenAI-like request id: 'req_' + 32 hex chars. */
	requestId(): string {
		this.counter++;
		return `req_${hexDigest(32, this.seed, 'request', this.counter)}`;
	}

	reset(): void {
		this.counter = 0;
	}
}
