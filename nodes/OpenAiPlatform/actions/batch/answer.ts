import type { Shape } from '../../../shared/shape';
import { kindOf, shape } from '../../../shared/shape';
import { isHtml, type MediaTypeRule } from '../shared/binaryAnswer';

/**
 * What the batch operations need of a batch object (Create, Get, Cancel, the waiting loop, Get
 * Results): its ID and status, its files, its request counts and (of a failed batch) the first
 * validation errors that the error message quotes.
 */
const firstEntries = (entry: Shape, count: number): Shape =>
	shape.rule((value, path) => {
		if (!Array.isArray(value)) return `\`${path}\` should be a list, but is ${kindOf(value)}`;
		for (let index = 0; index < Math.min(count, value.length); index++) {
			const problem = entry(value[index], `${path}[${index}]`);
			if (problem) return problem;
		}
		return undefined;
	});

const validationError = shape.object({ message: shape.nullable(shape.string), code: shape.nullable(shape.string), line: shape.nullable(shape.number) });

export const batchShape = shape.object({
	id: shape.nonEmptyString,
	status: shape.nonEmptyString,
	output_file_id: shape.nullable(shape.string),
	error_file_id: shape.nullable(shape.string),
	request_counts: shape.nullable(shape.object({ total: shape.number, completed: shape.number, failed: shape.number })),
	errors: shape.nullable(shape.object({ data: shape.nullable(firstEntries(validationError, 5)) })),
});

export const BATCH = 'a batch';

/** A batch's output or error file is JSONL: never an HTML page. */
export const resultFileRule: MediaTypeRule = (mediaType) => (isHtml(mediaType) ? `it is an HTML page (${mediaType}), not JSONL` : undefined);
