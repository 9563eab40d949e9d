import { checkShape, factsOf, kindOf, shape } from '../../../shared/shape';
import { looksLikeHtml, UnexpectedResponseError } from '../../../shared/transport/unexpectedResponse';
import { isHtml, mediaTypeOf } from '../shared/binaryAnswer';

/**
 * What Transcribe and Translate need of the answer. JSON formats: an object with the text.
 * Text formats (text, SRT, VTT): text that is not a web page (a proxy or login page sent with
 * status 200 must not become a transcript) and not JSON.
 */
export const TRANSCRIPTION = 'a transcription';

const jsonTranscription = shape.object({ text: shape.string });

export function checkTranscription(data: unknown, response: Response, format: string): unknown {
	const facts = factsOf(response, data);
	if (format === 'json' || format === 'verbose_json') return checkShape(data, jsonTranscription, TRANSCRIPTION, facts);
	const mediaType = mediaTypeOf(response.headers.get('content-type'));
	const what = `the ${format.toUpperCase()} text of a transcription`;
	if (typeof data !== 'string') throw new UnexpectedResponseError(what, `the answer should be text, but is ${kindOf(data)}`, facts);
	if (isHtml(mediaType) || looksLikeHtml(data.slice(0, 200), null)) {
		throw new UnexpectedResponseError(what, 'the answer is an HTML page', facts);
	}
	return data;
}

