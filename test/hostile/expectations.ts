import type { HostileAnswer } from './answers';
import type { Family } from './families';

/**
 * What each combination must end with. Most hostile answers must end in a clear error; the
 * exceptions are listed here, each with its reason, so the table says what "correct" means.
 */
export type Expectation =
	| { outcome: 'error'; /** what the message must say instead of the answer's own `says`, and why */ says?: RegExp; why?: string }
	| { outcome: 'success'; why: string }
	| { outcome: 'n/a'; why: string };

/** Well-formed JSON objects (or no body): valid answers of an endpoint a generic call knows nothing about. */
const GENERIC_VALID = new Set(['{}', 'wrong types', 'empty lists', '204 No Content', 'repeating cursor', '50 MB 200']);

/** Answers that declare `application/json`: for audio that alone refutes them, before the body is read. */
const JSON_DECLARED = new Set(['stalled JSON body', 'gzip header, plain body', 'body cut mid-stream']);

/** Answers whose 200 body is just bytes: for File → Download they are the file's content. */
const BYTES_ANSWERS = new Set([
	'text/plain 200 "OK"',
	'{}',
	'wrong types',
	'JSON null',
	'JSON string "OK"',
	'empty lists',
	'truncated JSON',
	'50 MB 200',
	'repeating cursor',
]);

export function expectationFor(family: Family, answer: HostileAnswer): Expectation {
	const override = family.expect?.[answer.name];
	if (override) return override;
	if (answer.recovers) return { outcome: 'success', why: 'the retry gets a healthy answer within Max Retries' };
	if (family.body === 'fileContent') {
		if (answer.name === 'key echoed in a 200') {
			return { outcome: 'n/a', why: "the body is the file's content: a key in it is data the server sent, not something the node may edit" };
		}
		if (BYTES_ANSWERS.has(answer.name)) return { outcome: 'success', why: "a file's content may be any bytes" };
	}
	if (family.body === 'audio' && JSON_DECLARED.has(answer.name)) {
		return { outcome: 'error', says: /not audio/, why: 'the declared content type (JSON) is refused before the body is read' };
	}
	if (answer.name === 'key echoed in a 200' && family.body !== 'fileContent') {
		return { outcome: 'error', says: /contains the credential's key|answer is not/, why: 'an answer that carries the key back is refused before any field of it is used' };
	}
	if (family.generic && !family.list && GENERIC_VALID.has(answer.name)) {
		return { outcome: 'success', why: 'a generic call cannot know the endpoint: any JSON object (or no body) is a valid answer' };
	}
	if (answer.name === 'empty lists' && family.list) {
		return { outcome: 'success', why: 'an empty list (has_more: false) is a valid answer of a list endpoint' };
	}
	if (answer.name === 'repeating cursor' && family.list === 'single') {
		return { outcome: 'success', why: 'this list is not paged: has_more is not followed' };
	}
	return { outcome: 'error' };
}
