import { kindOf, shape } from '../../../shared/shape';
import { isHtml, type MediaTypeRule } from '../shared/binaryAnswer';

/**
 * What a Custom API Call needs of an answer. The node does not know the endpoint, so it checks what
 * every OpenAI endpoint promises: JSON answers are an object (or a list); a page of a list has its
 * entries in `data`, and says whether there is more (`has_more`) and where it goes on (`last_id` /
 * the last entry's `id`, or `next_page`); a file is never a web page.
 */
export const jsonAnswerShape = shape.rule((value, path) =>
	typeof value === 'object' && value !== null ? undefined : `${path ? `\`${path}\`` : 'the answer'} should be a JSON object or list, but is ${kindOf(value)}`,
);
export const JSON_ANSWER = 'a JSON answer';

export const listPageShape = shape.object({
	data: shape.array(),
	has_more: shape.optional(shape.boolean),
	last_id: shape.nullable(shape.string),
	next_page: shape.nullable(shape.string),
});

export interface ListPage {
	data: unknown[];
	has_more?: boolean;
	last_id?: string | null;
	next_page?: string | null;
}

/** A file from an OpenAI endpoint is never an HTML page (a proxy's or a login page). */
export const fileAnswerRule: MediaTypeRule = (mediaType) => (isHtml(mediaType) ? `it is an HTML page (${mediaType}), not a file` : undefined);
