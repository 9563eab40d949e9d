import { invalidType } from '../../errors';
import { asObject, describeType } from './fields';
import { badRequest, stringTooLong } from './requestErrors';

/** `metadata`: at most 16 string values, keys up to 64 and values up to 512 characters. */
export const MAX_METADATA_KEYS = 16;
export const MAX_METADATA_KEY_LENGTH = 64;
export const MAX_METADATA_VALUE_LENGTH = 512;

export function readMetadata(value: unknown): Record<string, string> | null {
	if (value === undefined || value === null) return null;
	const metadata = asObject(value, 'metadata');
	const keys = Object.keys(metadata);
	if (keys.length > MAX_METADATA_KEYS) {
		throw badRequest(
			`Invalid 'metadata': too many properties. Expected an object with at most ${MAX_METADATA_KEYS} properties, but got an object with ${keys.length} properties instead.`,
			'metadata',
			'object_above_max_properties',
		);
	}
	for (const key of keys) {
		if (key.length > MAX_METADATA_KEY_LENGTH) {
			throw badRequest(
				`Invalid 'metadata': key too long. Expected a key with maximum length ${MAX_METADATA_KEY_LENGTH}, but got a key with length ${key.length} instead.`,
				'metadata',
				'invalid_value',
			);
		}
		const entry = metadata[key];
		if (typeof entry !== 'string') throw invalidType(`metadata.${key}`, 'a string', describeType(entry));
		if (entry.length > MAX_METADATA_VALUE_LENGTH) throw stringTooLong(`metadata.${key}`, MAX_METADATA_VALUE_LENGTH, entry.length);
	}
	return metadata as Record<string, string>;
}
