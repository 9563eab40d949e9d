import { shape } from '../../../shared/shape';
import { UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { isApiErrorObject, isHtml, isJson, type MediaTypeRule, mediaTypeOf } from '../shared/binaryAnswer';

/** A file object (Upload, Get): its ID at least; name and size typed when present. */
export const fileShape = shape.object({
	id: shape.nonEmptyString,
	filename: shape.optional(shape.string),
	bytes: shape.nullable(shape.number),
});
export const FILE = 'a file object';

/** Download names the stored file after it and decides by its size how to read it. */
export const downloadableFileShape = shape.object({ id: shape.nonEmptyString, filename: shape.string, bytes: shape.number });

export const fileDeletionShape = shape.object({ id: shape.nonEmptyString, deleted: shape.boolean });
export const FILE_DELETION = 'the result of deleting a file';

export const contentOf = (fileName: string): string => `the content of the file "${fileName}"`;

const HTML_NAME = /\.(x?html?)$/i;
const JSON_NAME = /\.(json|jsonl|ndjson)$/i;

/**
 * A file's content may be of any type, so only what cannot be the file is refused: an HTML page
 * for a file whose name does not say HTML (a proxy's or login page), JSON for a file whose name
 * does not say JSON (an API answer instead of the bytes).
 */
export function fileContentRule(fileName: string): MediaTypeRule {
	return (mediaType) => {
		if (isHtml(mediaType) && !HTML_NAME.test(fileName)) return `it is an HTML page (${mediaType}), and "${fileName}" is not an HTML file`;
		if (isJson(mediaType) && !JSON_NAME.test(fileName)) return `it is JSON (${mediaType}), and "${fileName}" is not a JSON file`;
		return undefined;
	};
}

/**
 * An API error object sent with status 200 where a JSON file's bytes were expected. Checked on
 * content that is in memory anyway (files up to 1 MB).
 */
export function refuseErrorObject(content: Buffer, response: Response, expected: string): void {
	if (!isJson(mediaTypeOf(response.headers.get('content-type')))) return;
	const text = content.toString('utf8');
	if (!isApiErrorObject(text)) return;
	throw new UnexpectedResponseError(expected, 'it is an API error object sent with status 200, not the file', {
		status: response.status,
		contentType: response.headers.get('content-type'),
		body: text,
	});
}
