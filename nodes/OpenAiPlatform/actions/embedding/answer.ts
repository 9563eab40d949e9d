import type { Shape } from '../../../shared/shape';
import { kindOf, shape } from '../../../shared/shape';

/**
 * What Create needs of an embeddings answer to a request of `count` inputs: exactly `count`
 * entries whose `index` values are 0 … count-1, each once, each with a vector (numbers, or base64
 * text). Cheap: per entry a few checks; the numbers of a vector are not walked.
 */
export function embeddingListShape(count: number): Shape {
	return shape.object({
		data: shape.rule((value, path) => checkEntries(value, path, count)),
		model: shape.optional(shape.string),
		usage: shape.nullable(shape.object()),
	});
}

export const EMBEDDINGS = 'a list of embeddings';

function checkEntries(value: unknown, path: string, count: number): string | undefined {
	if (!Array.isArray(value)) return `\`${path}\` should be a list, but is ${kindOf(value)}`;
	if (value.length !== count) {
		return `\`${path}\` should have one embedding per input (${count}), but has ${value.length}`;
	}
	const seen = new Uint8Array(count);
	for (let position = 0; position < count; position++) {
		const entry = value[position] as { index?: unknown; embedding?: unknown } | null;
		const at = `${path}[${position}]`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return `\`${at}\` should be an object, but is ${kindOf(entry)}`;
		const index = entry.index;
		if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= count) {
			return `\`${at}.index\` should be a whole number from 0 to ${count - 1} (the position of its input), but is ${typeof index === 'number' ? index : kindOf(index)}`;
		}
		if (seen[index]) return `\`${at}.index\` is ${index} again: two embeddings for the same input`;
		seen[index] = 1;
		const embedding = entry.embedding;
		const isVector = Array.isArray(embedding) ? embedding.length > 0 && typeof embedding[0] === 'number' : typeof embedding === 'string' && embedding !== '';
		if (!isVector) return `\`${at}.embedding\` should be a list of numbers or base64 text, but is ${kindOf(embedding)}`;
	}
	return undefined;
}

/** Float32 values sent as base64 (what the node asks for on the wire) as numbers; undefined when the bytes are not float32s. */
export function decodeFloat32(base64: string): number[] | undefined {
	const bytes = Buffer.from(base64, 'base64');
	if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
	const aligned = bytes.byteOffset % 4 === 0 ? bytes : new Uint8Array(bytes);
	return Array.from(new Float32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4));
}
