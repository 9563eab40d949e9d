import type { AreaContext, AreaFactory } from '../area';
import { ApiError, invalidEnumValue, invalidType, invalidValue, missingParameter } from '../errors';
import { readQueryParams } from '../params';
import { BATCH_ENDPOINTS, type BatchEndpoint, type LineOutcome, respondToLine } from './media/batchResponders';
import { fileStoreFor } from './media/fileStore';
import { perServer } from './media/serverState';

/**
 * /v1/batches: create, retrieve, list, cancel. A batch moves validating → in_progress → finalizing
 * → completed over simulated time: its age on the fake clock times `speed` (see `batchSettings`).
 * With the clock on real time a test sets `speed` so a whole lifecycle takes a second or two; with
 * a frozen clock `fake.clock.advance()` moves it. When validation ends, the input file is checked
 * (JSONL, custom_id, url = endpoint, one model); then each line is answered like the synchronous
 * endpoint would (see media/batchResponders.ts), some failing on purpose, and the output and error
 * files are written when the batch completes (or, with the lines done so far, when it is cancelled).
 */
export interface BatchSettings {
	/** simulated seconds per second of batch age (default 1) */
	speed: number;
	validatingSeconds: number;
	inProgressSeconds: number;
	finalizingSeconds: number;
	cancellingSeconds: number;
}

const DEFAULT_SETTINGS: BatchSettings = {
	speed: 1,
	validatingSeconds: 30,
	inProgressSeconds: 120,
	finalizingSeconds: 10,
	cancellingSeconds: 15,
};
const COMPLETION_WINDOW_SECONDS = 24 * 3600;
const MAX_REQUESTS = 50_000;

/** The batch lifecycle knobs of one fake server (reset with the server). */
export function batchSettings(anchor: Pick<AreaContext, 'clock'>): BatchSettings {
	return perServer(anchor, 'batchSettings', () => ({ ...DEFAULT_SETTINGS }));
}

type Status = 'validating' | 'failed' | 'in_progress' | 'finalizing' | 'completed' | 'expired' | 'cancelling' | 'cancelled';

interface BatchLine {
	line: number;
	customId: string;
	outcome: LineOutcome;
}

interface BatchRecord {
	id: string;
	endpoint: BatchEndpoint;
	inputFileId: string;
	completionWindow: string;
	metadata: Record<string, string> | null;
	outputExpiresAfter?: number;
	/** clock ms */
	createdAt: number;
	/** batch age (simulated ms) when cancel was called */
	cancelledAtAge?: number;
	/** set once the input file was checked */
	validation?: { errors: BatchErrorEntry[]; lines: BatchLine[]; model?: string };
	/** set once output/error files were written */
	files?: { outputFileId?: string; errorFileId?: string };
}

interface BatchErrorEntry {
	code: string;
	message: string;
	param: string | null;
	line: number | null;
}

export const batchesArea: AreaFactory = (context) => {
	const { clock, ids } = context;
	const files = fileStoreFor(context);
	let batches = new Map<string, BatchRecord>();
	const settings = batchSettings(context);

	const age = (batch: BatchRecord) => Math.max(0, clock.now() - batch.createdAt) * settings.speed;
	/** clock seconds at which the batch reaches `ageMs` */
	const at = (batch: BatchRecord, ageMs: number) => Math.floor((batch.createdAt + ageMs / settings.speed) / 1000);
	const phases = () => {
		const validated = settings.validatingSeconds * 1000;
		const processed = validated + settings.inProgressSeconds * 1000;
		const finalized = processed + settings.finalizingSeconds * 1000;
		return { validated, processed, finalized };
	};

	const find = (id: string): BatchRecord => {
		const batch = batches.get(id);
		if (!batch) throw new ApiError(404, 'invalid_request_error', `No batch found with id '${id}'.`, null, 'not_found');
		return batch;
	};

	const validate = (batch: BatchRecord) => {
		if (!batch.validation) batch.validation = checkInput(batch, files.get(batch.inputFileId)?.content, context);
		return batch.validation;
	};

	/** Lines answered by `ageMs` (all of them once processing is over). */
	const doneBy = (batch: BatchRecord, ageMs: number): number => {
		const { validated, processed } = phases();
		const total = batch.validation?.lines.length ?? 0;
		if (ageMs <= validated) return 0;
		if (ageMs >= processed) return total;
		return Math.floor((total * (ageMs - validated)) / (processed - validated));
	};

	/** Output file: the successful requests; error file: the failed ones and those the batch never ran. */
	const writeFiles = (batch: BatchRecord, lines: BatchLine[], notRun: BatchLine[] = [], ending = '') => {
		if (batch.files) return batch.files;
		const output = lines.filter((line) => line.outcome.status === 200);
		const failed = [...lines.filter((line) => line.outcome.status !== 200), ...notRun];
		const ran = new Set(lines);
		const toJsonl = (list: BatchLine[]) =>
			Buffer.from(
				list
					.map((line) =>
						JSON.stringify({
							id: ids.next('batch_req_', 32, batch.id, line.customId),
							custom_id: line.customId,
							response: ran.has(line) ? { status_code: line.outcome.status, request_id: ids.requestId(), body: line.outcome.body } : null,
							error: ran.has(line) ? null : { code: `batch_${ending}`, message: `This request was not executed because the batch was ${ending}.` },
						}),
					)
					.join('\n') + (list.length ? '\n' : ''),
			);
		batch.files = {};
		if (output.length) {
			batch.files.outputFileId = files.add(`${batch.id}_output.jsonl`, 'batch_output', toJsonl(output), 'application/jsonl', batch.outputExpiresAfter).id;
		}
		if (failed.length) {
			batch.files.errorFileId = files.add(`${batch.id}_error.jsonl`, 'batch_output', toJsonl(failed), 'application/jsonl', batch.outputExpiresAfter).id;
		}
		return batch.files;
	};

	/** The batch as the API shows it now (fields that do not apply yet are left out, as the spec has them). */
	const view = (batch: BatchRecord): Record<string, unknown> => withoutNulls(snapshot(batch));

	const snapshot = (batch: BatchRecord): Record<string, unknown> => {
		const now = age(batch);
		const { validated, processed, finalized } = phases();
		const out: Record<string, unknown> = {
			id: batch.id,
			object: 'batch',
			endpoint: batch.endpoint,
			errors: null,
			input_file_id: batch.inputFileId,
			completion_window: batch.completionWindow,
			status: 'validating',
			output_file_id: null,
			error_file_id: null,
			created_at: Math.floor(batch.createdAt / 1000),
			in_progress_at: null,
			expires_at: Math.floor(batch.createdAt / 1000) + COMPLETION_WINDOW_SECONDS,
			finalizing_at: null,
			completed_at: null,
			failed_at: null,
			expired_at: null,
			cancelling_at: null,
			cancelled_at: null,
			request_counts: { total: 0, completed: 0, failed: 0 },
			metadata: batch.metadata,
		};
		const status = (value: Status) => (out.status = value);
		const counts = (lines: BatchLine[]) => {
			const completed = lines.filter((line) => line.outcome.status === 200).length;
			out.request_counts = { total: batch.validation?.lines.length ?? 0, completed, failed: lines.length - completed };
		};
		const finish = (lines: BatchLine[], ending = '') => {
			const notRun = batch.validation?.lines.slice(lines.length) ?? [];
			const written = writeFiles(batch, lines, notRun, ending);
			out.output_file_id = written.outputFileId ?? null;
			out.error_file_id = written.errorFileId ?? null;
			const usage = lines.reduce((sum, line) => ({ input: sum.input + (line.outcome.usage?.input ?? 0), output: sum.output + (line.outcome.usage?.output ?? 0) }), { input: 0, output: 0 });
			out.usage = {
				input_tokens: usage.input,
				input_tokens_details: { cached_tokens: 0 },
				output_tokens: usage.output,
				output_tokens_details: { reasoning_tokens: 0 },
				total_tokens: usage.input + usage.output,
			};
		};

		// cancelled before the end
		if (batch.cancelledAtAge !== undefined) {
			const cancelAge = batch.cancelledAtAge;
			out.cancelling_at = at(batch, cancelAge);
			if (cancelAge > validated) {
				out.in_progress_at = at(batch, validated);
				validate(batch);
			}
			const lines = batch.validation?.lines.slice(0, doneBy(batch, cancelAge)) ?? [];
			counts(lines);
			if (batch.validation?.model) out.model = batch.validation.model;
			if (now < cancelAge + settings.cancellingSeconds * 1000) {
				status('cancelling');
				return out;
			}
			status('cancelled');
			out.cancelled_at = at(batch, cancelAge + settings.cancellingSeconds * 1000);
			finish(lines, 'cancelled');
			return out;
		}
		if (now < validated) return out;
		const validation = validate(batch);
		if (validation.model) out.model = validation.model;
		if (validation.errors.length) {
			status('failed');
			out.failed_at = at(batch, validated);
			out.errors = { object: 'list', data: validation.errors };
			return out;
		}
		out.in_progress_at = at(batch, validated);
		const windowEnd = COMPLETION_WINDOW_SECONDS * 1000;
		if (finalized > windowEnd && now >= windowEnd) {
			const lines = validation.lines.slice(0, doneBy(batch, windowEnd));
			status('expired');
			out.expired_at = at(batch, windowEnd);
			counts(lines);
			finish(lines, 'expired');
			return out;
		}
		if (now < processed) {
			status('in_progress');
			counts(validation.lines.slice(0, doneBy(batch, now)));
			return out;
		}
		counts(validation.lines);
		out.finalizing_at = at(batch, processed);
		if (now < finalized) {
			status('finalizing');
			return out;
		}
		status('completed');
		out.completed_at = at(batch, finalized);
		finish(validation.lines);
		return out;
	};

	return {
		name: 'batches',
		reset: () => {
			batches = new Map();
			Object.assign(settings, DEFAULT_SETTINGS);
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/batches',
				auth: { kind: 'api' },
				billable: true,
				handle: ({ body }) => {
					const request = readCreate(body);
					const input = files.get(request.inputFileId);
					if (!input) throw new ApiError(404, 'invalid_request_error', `No such File object: ${request.inputFileId}`, 'input_file_id');
					if (input.object.purpose !== 'batch') {
						throw invalidValue('input_file_id', `the file ${request.inputFileId} has purpose '${input.object.purpose}', but batches need a file with purpose 'batch'.`);
					}
					const batch: BatchRecord = { ...request, id: ids.next('batch_', 32, request.inputFileId), createdAt: clock.now() };
					batches.set(batch.id, batch);
					return { body: view(batch) };
				},
			},
			{
				method: 'GET',
				path: '/v1/batches',
				auth: { kind: 'api' },
				handle: ({ query }) => {
					const params = readQueryParams(query, { after: { type: 'string' }, limit: { type: 'integer', min: 1, max: 100, default: 20 } });
					let list = [...batches.values()].reverse();
					if (params.after) {
						const index = list.findIndex((batch) => batch.id === params.after);
						list = index === -1 ? [] : list.slice(index + 1);
					}
					const data = list.slice(0, params.limit).map(view);
					return {
						body: {
							object: 'list',
							data,
							...(data.length ? { first_id: data[0].id, last_id: data[data.length - 1].id } : {}),
							has_more: list.length > data.length,
						},
					};
				},
			},
			{
				method: 'GET',
				path: '/v1/batches/{batch_id}',
				auth: { kind: 'api' },
				handle: ({ params }) => ({ body: view(find(params.batch_id)) }),
			},
			{
				method: 'POST',
				path: '/v1/batches/{batch_id}/cancel',
				auth: { kind: 'api' },
				handle: ({ params }) => {
					const batch = find(params.batch_id);
					const current = view(batch).status as Status;
					if (!['validating', 'in_progress', 'finalizing'].includes(current)) {
						throw new ApiError(409, 'invalid_request_error', `Cannot cancel a batch with status '${current}'.`, null, 'batch_not_cancellable');
					}
					batch.cancelledAtAge = age(batch);
					return { body: view(batch) };
				},
			},
		],
	};
};

function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(value).filter(([key, entry]) => entry !== null || key === 'metadata'));
}

function readCreate(body: unknown): Omit<BatchRecord, 'id' | 'createdAt'> {
	if (!body || typeof body !== 'object') throw missingParameter('input_file_id');
	const record = body as Record<string, unknown>;
	for (const name of ['input_file_id', 'endpoint', 'completion_window']) {
		if (record[name] === undefined) throw missingParameter(name);
		if (typeof record[name] !== 'string') throw invalidType(name, 'a string', typeof record[name]);
	}
	const endpoint = record.endpoint as string;
	if (!(BATCH_ENDPOINTS as readonly string[]).includes(endpoint)) throw invalidEnumValue('endpoint', endpoint, BATCH_ENDPOINTS);
	if (record.completion_window !== '24h') throw invalidEnumValue('completion_window', String(record.completion_window), ['24h']);
	const metadata = record.metadata ?? null;
	if (metadata !== null) {
		if (typeof metadata !== 'object' || Array.isArray(metadata)) throw invalidType('metadata', 'an object', 'another type');
		const entries = Object.entries(metadata as Record<string, unknown>);
		if (entries.length > 16) throw invalidValue('metadata', 'at most 16 keys are allowed.');
		for (const [key, value] of entries) {
			if (key.length > 64) throw invalidValue('metadata', `the key '${key}' is longer than 64 characters.`);
			if (typeof value !== 'string' || value.length > 512) throw invalidValue('metadata', `the value of '${key}' must be a string of at most 512 characters.`);
		}
	}
	let outputExpiresAfter: number | undefined;
	const expires = record.output_expires_after as { anchor?: unknown; seconds?: unknown } | undefined;
	if (expires !== undefined) {
		if (expires.anchor !== 'created_at') throw invalidEnumValue('output_expires_after.anchor', String(expires.anchor), ['created_at']);
		if (typeof expires.seconds !== 'number' || expires.seconds < 3600 || expires.seconds > 2_592_000) {
			throw invalidValue('output_expires_after.seconds', 'expected an integer between 3600 and 2592000.');
		}
		outputExpiresAfter = expires.seconds;
	}
	return {
		inputFileId: record.input_file_id as string,
		endpoint: endpoint as BatchEndpoint,
		completionWindow: '24h',
		metadata: metadata as Record<string, string> | null,
		outputExpiresAfter,
	};
}

/** Checks the input file like the real validation step and answers each line. */
function checkInput(batch: BatchRecord, content: Buffer | undefined, context: AreaContext): NonNullable<BatchRecord['validation']> {
	const errors: BatchErrorEntry[] = [];
	const lines: BatchLine[] = [];
	const fail = (code: string, message: string, line: number | null, param: string | null = null) => errors.push({ code, message, param, line });
	if (!content) {
		fail('file_not_found', `The input file ${batch.inputFileId} no longer exists.`, null, 'input_file_id');
		return { errors, lines };
	}
	const texts = content.toString('utf8').split('\n');
	const seen = new Set<string>();
	const models = new Set<string>();
	const parsed: Array<{ line: number; customId: string; body: Record<string, unknown> }> = [];
	texts.forEach((text, index) => {
		const line = index + 1;
		if (text.trim() === '') return;
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			fail('invalid_json_line', `This line is not parseable as valid JSON.`, line);
			return;
		}
		const entry = value as { custom_id?: unknown; method?: unknown; url?: unknown; body?: unknown };
		if (typeof entry.custom_id !== 'string' || entry.custom_id === '') {
			fail('missing_required_parameter', "Missing required parameter: 'custom_id'.", line, 'custom_id');
			return;
		}
		if (seen.has(entry.custom_id)) {
			fail('duplicate_custom_id', `The custom_id for this request is a duplicate of another request. custom_id values must be unique.`, line, 'custom_id');
			return;
		}
		seen.add(entry.custom_id);
		if (entry.method !== 'POST') fail('invalid_method', "Invalid value for 'method': only POST is supported.", line, 'method');
		if (entry.url !== batch.endpoint) {
			fail('mismatched_endpoint', `The URL provided for this request does not match the batch endpoint (${batch.endpoint}).`, line, 'url');
		}
		if (!entry.body || typeof entry.body !== 'object' || Array.isArray(entry.body)) {
			fail('missing_required_parameter', "Missing required parameter: 'body'.", line, 'body');
			return;
		}
		const body = entry.body as Record<string, unknown>;
		if (typeof body.model === 'string') models.add(body.model);
		if (models.size > 1) {
			fail('mismatched_model', 'The provided model does not match the model of other requests in the batch: a batch file may only use one model.', line, 'body.model');
			models.delete(body.model as string);
		}
		parsed.push({ line, customId: entry.custom_id, body });
	});
	if (parsed.length === 0 && errors.length === 0) fail('empty_file', 'The input file contains no requests.', null, 'input_file_id');
	if (parsed.length > MAX_REQUESTS) fail('too_many_requests', `A batch may hold at most ${MAX_REQUESTS} requests.`, null, 'input_file_id');
	if (errors.length) return { errors, lines };
	for (const { line, customId, body } of parsed) {
		lines.push({ line, customId, outcome: respondToLine(batch.endpoint, body, context) });
	}
	return { errors, lines, model: [...models][0] };
}
