import type { Shape } from '../shared/shape';
import { checkShape, kindOf, shape } from '../shared/shape';
import type { AnswerFacts } from '../shared/transport/unexpectedResponse';
import { UnexpectedResponseError } from '../shared/transport/unexpectedResponse';
import type { UsageBucket } from './collect';
import type { EndpointSpec } from './endpoints';
import { toIso } from './window';

/**
 * What a page of a usage or costs endpoint must look like before the engine uses it (OpenAPI spec
 * `UsageResponse`): `data` a list of buckets, `has_more` true or false, `next_page` text or null;
 * each bucket with numeric `start_time`/`end_time`, a start inside the requested window (and after
 * the bucket before it: a repeated bucket would emit its rows twice), and a `results` list whose
 * metrics are numbers (or numeric text; costs: `amount.value` a number or decimal text) and whose
 * dimensions are plain values. Anything else — `{}`, an HTML page or any other text (the SDK hands a
 * non-JSON answer over as a string), wrong types — is an UnexpectedResponseError, never an empty page.
 */
export interface UsagePageAnswer {
	/** The body as the SDK handed it over. */
	body: unknown;
	/** HTTP status and content type of the answer, when known (for the error message). */
	facts?: AnswerFacts;
}

/** A data source may return the page alone, or the page with the facts of its answer. */
export class FetchedPage implements UsagePageAnswer {
	constructor(
		readonly body: unknown,
		readonly facts: AnswerFacts = {},
	) {}
}

export function answerOf(fetched: unknown): UsagePageAnswer {
	return fetched instanceof FetchedPage ? fetched : { body: fetched };
}

/** [start, end): bucket starts (Unix s) the request asked for. */
export interface PageWindow {
	start: number;
	end: number;
}

const isNumericText = (value: unknown) => typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value));

const metric: Shape = shape.rule((value, path) =>
	value === null || value === undefined || (typeof value === 'number' && Number.isFinite(value)) || isNumericText(value)
		? undefined
		: `\`${path}\` should be a number, but is ${kindOf(value)}`,
);

const dimension: Shape = shape.rule((value, path) =>
	value === null || value === undefined || ['string', 'boolean', 'number'].includes(typeof value)
		? undefined
		: `\`${path}\` should be text, but is ${kindOf(value)}`,
);

const amount: Shape = shape.nullable(
	shape.object({
		value: metric,
		currency: shape.nullable(shape.string),
	}),
);

const resultShapes = new Map<string, Shape>();

/** A result of this endpoint: metrics numeric, dimensions plain values (other fields pass). */
function resultShape(endpoint: EndpointSpec): Shape {
	let result = resultShapes.get(endpoint.name);
	if (!result) {
		const fields: Record<string, Shape> = {};
		for (const name of endpoint.dimensions) fields[name] = dimension;
		for (const name of endpoint.metrics) fields[name] = name === 'amount' ? amount : metric;
		if (endpoint.name === 'code_interpreter_sessions') fields.sessions = metric; // renamed to num_sessions in 2025
		result = shape.object(fields);
		resultShapes.set(endpoint.name, result);
	}
	return result;
}

function bucketShape(endpoint: EndpointSpec, window: PageWindow): Shape {
	const fields = shape.object({
		start_time: shape.number,
		end_time: shape.number,
		results: shape.array(resultShape(endpoint)),
	});
	return shape.rule((value, path) => {
		const problem = fields(value, path);
		if (problem) return problem;
		const { start_time: start, end_time: end } = value as { start_time: number; end_time: number };
		if (start < window.start || start >= window.end) {
			return `\`${path}\` starts at ${toIso(start)}, outside the requested window ${toIso(window.start)} – ${toIso(window.end)}`;
		}
		if (end <= start) return `\`${path}\` ends (${toIso(end)}) before it starts (${toIso(start)})`;
		return undefined;
	});
}

function pageShape(endpoint: EndpointSpec, window: PageWindow): Shape {
	const fields = shape.object({
		data: shape.array(bucketShape(endpoint, window)),
		has_more: shape.boolean,
		next_page: shape.nullable(shape.string),
	});
	return shape.rule((value, path) => {
		const problem = fields(value, path);
		if (problem) return problem;
		const buckets = (value as { data: Array<{ start_time: number }> }).data;
		for (let index = 1; index < buckets.length; index++) {
			if (buckets[index].start_time <= buckets[index - 1].start_time) {
				return `\`data[${index}]\` (${toIso(buckets[index].start_time)}) does not come after the bucket before it`;
			}
		}
		return undefined;
	});
}

export interface CheckedUsagePage {
	data: UsageBucket[];
	has_more: boolean;
	next_page: string | null;
}

/** "a page of GET /organization/usage/completions" */
export function pageWhat(endpoint: EndpointSpec): string {
	return `a page of GET ${endpoint.path}`;
}

/**
 * The page, checked; throws an UnexpectedResponseError naming what was wrong. `after`: the start of
 * the last bucket of the previous page of the same read (buckets must move on).
 */
export function checkUsagePage(fetched: unknown, endpoint: EndpointSpec, window: PageWindow, after?: number): CheckedUsagePage {
	const { body, facts } = answerOf(fetched);
	const page = checkShape(body, pageShape(endpoint, window), pageWhat(endpoint), { ...facts, body }) as CheckedUsagePage;
	const first = page.data[0];
	if (after !== undefined && first && first.start_time <= after) {
		const problem = `\`data[0]\` (${toIso(first.start_time)}) repeats a bucket of the page before`;
		throw new UnexpectedResponseError(pageWhat(endpoint), problem, { ...facts, body });
	}
	return { ...page, next_page: page.next_page ?? null };
}
