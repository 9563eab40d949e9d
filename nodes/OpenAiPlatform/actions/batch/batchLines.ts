import type { IDataObject } from 'n8n-workflow';

import { kindOf, shape } from '../../../shared/shape';
import { normaliseUsage, type TokenUsage } from '../../../shared/tokenUsage';

/**
 * The Batch API's files, as pure functions: input items → JSONL request lines with a custom_id per
 * item, and the output and error files → one result per request, back in input-item order.
 */
export const MAX_BATCH_REQUESTS = 50_000;
export const MAX_BATCH_FILE_BYTES = 200 * 1024 * 1024;

/**
 * OpenAI's per-batch limits, above which Create From Items splits the items into several batches.
 * A mutable object so tests can make a split happen with a few items; nothing else changes it.
 */
export const BATCH_LIMITS = { maxRequests: MAX_BATCH_REQUESTS, maxFileBytes: MAX_BATCH_FILE_BYTES };

export interface BatchRequestEntry {
	itemIndex: number;
	body: Record<string, unknown>;
}

export interface BatchRequestRef {
	custom_id: string;
	itemIndex: number;
}

export interface BatchLines {
	jsonl: string;
	bytes: number;
	requests: BatchRequestRef[];
}

/** Which input item a request came from, readable in every result line. */
export function customIdFor(itemIndex: number): string {
	return `item-${itemIndex}`;
}

export function itemIndexOf(customId: string): number | undefined {
	const match = /^item-(\d+)$/.exec(customId);
	return match ? Number(match[1]) : undefined;
}

export function buildBatchLines(entries: BatchRequestEntry[], endpoint: string): BatchLines {
	const requests = entries.map(({ itemIndex }) => ({ custom_id: customIdFor(itemIndex), itemIndex }));
	const jsonl = entries
		.map(({ body }, position) => JSON.stringify({ custom_id: requests[position].custom_id, method: 'POST', url: endpoint, body }))
		.join('\n')
		.concat(entries.length ? '\n' : '');
	return { jsonl, bytes: Buffer.byteLength(jsonl, 'utf8'), requests };
}

/** A request line that is larger on its own than a batch input file may be. */
export interface OversizedLine {
	itemIndex: number;
	bytes: number;
}

/**
 * Splits the entries, in input order, into as few consecutive batches as the limits allow: each
 * with at most `maxRequests` lines and `maxFileBytes` of JSONL. Consecutive parts keep the results
 * of all the batches, read one after the other, in input-item order.
 */
export function splitBatchLines(
	entries: BatchRequestEntry[],
	endpoint: string,
	limits: { maxRequests: number; maxFileBytes: number },
): BatchLines[] | OversizedLine {
	const parts: BatchLines[] = [];
	let open: { lines: string[]; bytes: number; requests: BatchRequestRef[] } | undefined;
	const close = () => {
		if (open) parts.push({ jsonl: open.lines.join(''), bytes: open.bytes, requests: open.requests });
		open = undefined;
	};
	for (const { itemIndex, body } of entries) {
		const custom_id = customIdFor(itemIndex);
		const line = `${JSON.stringify({ custom_id, method: 'POST', url: endpoint, body })}\n`;
		const bytes = Buffer.byteLength(line, 'utf8');
		if (bytes > limits.maxFileBytes) return { itemIndex, bytes };
		if (open && (open.requests.length >= limits.maxRequests || open.bytes + bytes > limits.maxFileBytes)) close();
		open ??= { lines: [], bytes: 0, requests: [] };
		open.lines.push(line);
		open.bytes += bytes;
		open.requests.push({ custom_id, itemIndex });
	}
	close();
	return parts;
}

/**
 * The first entry whose value differs from the first entry's (e.g. another endpoint or model), or
 * undefined when they all agree.
 */
export function findMismatch<T>(entries: Array<{ itemIndex: number; value: T }>): { first: { itemIndex: number; value: T }; other: { itemIndex: number; value: T } } | undefined {
	const first = entries[0];
	if (!first) return undefined;
	const other = entries.find((entry) => entry.value !== first.value);
	return other ? { first, other } : undefined;
}

/** A line of a batch output or error file. */
export interface BatchOutputLine {
	id?: string;
	custom_id: string;
	response: { status_code: number; request_id?: string; body?: unknown } | null;
	error: { code?: string | null; message?: string | null } | null;
}

export interface BatchResult {
	custom_id: string;
	/** the input item of Create From Items; null for custom IDs made elsewhere */
	itemIndex: number | null;
	status: 'succeeded' | 'failed';
	status_code: number | null;
	request_id: string | null;
	response: IDataObject | null;
	error: { code: string | null; message: string; type: string | null; param: string | null } | null;
	usage: TokenUsage | null;
}

/** What a line of an output or error file must be for its result to be read from it. */
const resultLine = shape.object({
	custom_id: shape.string,
	response: shape.nullable(shape.object({ status_code: shape.number, request_id: shape.nullable(shape.string) })),
	error: shape.nullable(shape.object({ code: shape.nullable(shape.string), message: shape.nullable(shape.string) })),
});

/**
 * Parses JSONL text. A line that is not JSON, or not a result line (`null`, a custom_id that is not
 * text, a response without its status code …), becomes a failed result that says which line and
 * what is wrong; it keeps its custom_id when it has one, so the error lands on its item.
 */
export function parseJsonl(text: string, fileLabel: string): BatchOutputLine[] {
	const lines: BatchOutputLine[] = [];
	text.split('\n').forEach((line, index) => {
		if (line.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(line);
		} catch {
			lines.push(invalidLine(fileLabel, index, undefined, 'is not valid JSON'));
			return;
		}
		const problem = typeof value === 'object' && value !== null && !Array.isArray(value) ? resultLine(value, '') : `it is ${kindOf(value)}`;
		if (!problem) {
			lines.push(value as BatchOutputLine);
			return;
		}
		const customId = (value as { custom_id?: unknown } | null)?.custom_id;
		lines.push(invalidLine(fileLabel, index, typeof customId === 'string' ? customId : undefined, `is not a batch result line: ${problem}`));
	});
	return lines;
}

function invalidLine(fileLabel: string, index: number, customId: string | undefined, what: string): BatchOutputLine {
	return {
		custom_id: customId ?? `${fileLabel.replace(/\s+/g, '-')}-line-${index + 1}`,
		response: null,
		error: { code: 'invalid_result_line', message: `Line ${index + 1} of the ${fileLabel} ${what}` },
	};
}

/** One result per request line, sorted by input item (custom IDs of other origin keep file order, after). */
export function collectResults(outputLines: BatchOutputLine[], errorLines: BatchOutputLine[]): BatchResult[] {
	const results = [...outputLines, ...errorLines].map(toResult);
	const known = results.filter((result) => result.itemIndex !== null).sort((a, b) => (a.itemIndex as number) - (b.itemIndex as number));
	const other = results.filter((result) => result.itemIndex === null);
	return [...known, ...other];
}

function toResult(line: BatchOutputLine): BatchResult {
	const statusCode = line.response?.status_code ?? null;
	const body = line.response?.body && typeof line.response.body === 'object' ? (line.response.body as IDataObject) : null;
	const succeeded = statusCode !== null && statusCode >= 200 && statusCode < 300 && !line.error;
	const index = itemIndexOf(String(line.custom_id));
	return {
		custom_id: String(line.custom_id),
		itemIndex: index ?? null,
		status: succeeded ? 'succeeded' : 'failed',
		status_code: statusCode,
		request_id: line.response?.request_id ?? null,
		response: succeeded ? body : null,
		error: succeeded ? null : errorOf(line, body),
		usage: succeeded && body?.usage ? normaliseUsage(body.usage as IDataObject) : null,
	};
}

function errorOf(line: BatchOutputLine, body: IDataObject | null): NonNullable<BatchResult['error']> {
	const apiError = (body?.error ?? null) as { message?: unknown; type?: unknown; code?: unknown; param?: unknown } | null;
	if (apiError && typeof apiError === 'object') {
		return {
			code: typeof apiError.code === 'string' ? apiError.code : null,
			message: typeof apiError.message === 'string' ? apiError.message : 'The request failed',
			type: typeof apiError.type === 'string' ? apiError.type : null,
			param: typeof apiError.param === 'string' ? apiError.param : null,
		};
	}
	return {
		code: line.error?.code ?? null,
		message: line.error?.message ?? `The request failed with status ${line.response?.status_code ?? 'unknown'}`,
		type: null,
		param: null,
	};
}
