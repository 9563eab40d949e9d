import type { Shape } from '../../../shared/shape';
import { checkedCall, checkShape, factsOf, kindOf, shape } from '../../../shared/shape';

/**
 * What Create and Get need of a Responses API answer: an ID and an `output` list whose entries say
 * their type; message parts that carry their text or refusal; reasoning summaries with text.
 * Delete: OpenAI's spec promises no body, so an empty answer is a success; a body, when there is
 * one, is the deletion result.
 */
const byType = (shapes: Record<string, Shape>): Shape =>
	shape.rule((value, path) => {
		const problem = shape.object({ type: shape.string })(value, path);
		if (problem) return problem;
		const own = shapes[(value as { type: string }).type];
		return own ? own(value, path) : undefined;
	});

const messagePart = byType({
	output_text: shape.object({ text: shape.string, annotations: shape.nullable(shape.array()) }),
	refusal: shape.object({ refusal: shape.string }),
});

const outputItem = byType({
	message: shape.object({ content: shape.array(messagePart) }),
	reasoning: shape.object({ summary: shape.nullable(shape.array(shape.object({ text: shape.string }))) }),
	image_generation_call: shape.object({ result: shape.nullable(shape.string) }),
});

export const responseShape = shape.object({
	output: shape.array(outputItem),
	id: shape.nonEmptyString,
	status: shape.nullable(shape.string),
	incomplete_details: shape.nullable(shape.object()),
	error: shape.nullable(shape.object()),
	usage: shape.nullable(shape.object()),
	conversation: shape.nullable(shape.object({ id: shape.string })),
});

export const RESPONSE = 'a response of the Responses API';

/** Waiting for a background response needs its status in every answer: without one the wait could never end. */
export const backgroundResponseShape: Shape = shape.rule(
	(value, path) => responseShape(value, path) ?? shape.object({ status: shape.nonEmptyString })(value, path),
);
export const BACKGROUND_RESPONSE = 'a background response with its status';

/** No body at all (what the spec promises), or a deletion result. */
export const responseDeletionShape: Shape = shape.rule((value, path) => {
	if (value === undefined || value === null || value === '') return undefined;
	return shape.object({ id: shape.optional(shape.string), deleted: shape.boolean })(value, path);
});

export const RESPONSE_DELETION = 'the result of deleting a response';

/** The part of the SDK's APIPromise `checkedResponse` needs. */
interface ResponseCall<T> {
	asResponse(): Promise<Response>;
	withResponse(): Promise<{ data: T; response: Response }>;
}

/**
 * Create and Get: the SDK looks into the answer (`'object' in answer`) before handing it over,
 * which is a TypeError when the answer is text or has no body. A copy of the answer is kept so
 * that such an answer is reported like any other of the wrong shape.
 */
export async function checkedResponse<T>(call: ResponseCall<T>, wanted: Shape = responseShape, expected = RESPONSE): Promise<T> {
	const copy = (await call.asResponse()).clone();
	const outcome = await checkedCall(call, wanted, expected).then(
		(data) => ({ data }),
		(error: unknown) => ({ error }),
	);
	if ('data' in outcome) return outcome.data;
	if (outcome.error instanceof TypeError) {
		const text = await copy.text().catch(() => '');
		const body = copy.status === 204 || copy.status === 205 ? null : parsed(text, copy.headers.get('content-type'));
		checkShape(body, wanted, expected, factsOf(copy, body));
	}
	throw outcome.error;
}

function parsed(text: string, contentType: string | null): unknown {
	if (!/json/i.test(contentType ?? '')) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

/** Count Input Tokens: the count, a whole number. */
export const inputTokensShape = shape.object({
	input_tokens: shape.rule((value, path) =>
		typeof value === 'number' && Number.isInteger(value) && value >= 0 ? undefined : `\`${path}\` should be a whole number of tokens, but is ${kindOf(value)}`,
	),
});

export const INPUT_TOKENS = 'an input token count';

/** Compact: the compacted response's ID and its output items (what the next request takes as input). */
export const compactionShape = shape.object({
	id: shape.nonEmptyString,
	output: shape.array(shape.object({ type: shape.string })),
	usage: shape.nullable(shape.object()),
});

export const COMPACTION = 'a compacted response';
