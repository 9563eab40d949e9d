import type { AreaContext, AreaFactory, FakeRequest } from '../area';
import { ApiError, invalidEnumValue, missingParameter } from '../errors';
import { readQueryParams } from '../params';
import { fileStoreFor } from './media/fileStore';
import { perServer } from './media/serverState';
import { asInteger, asObject, asString, bodyObject, isObject, optional, rejectUnknownFields, type JsonObject } from './text/fields';
import { readMetadata } from './text/metadata';
import { badRequest } from './text/requestErrors';

/**
 * /v1/fine_tuning/jobs: create, list (cursor pages, metadata filter), get, cancel, pause, resume,
 * events and checkpoints. A job moves on the fake's clock (times `speed`): validating_files for one
 * phase, queued for one, running for one phase per epoch — a metrics event and a checkpoint at the
 * end of each epoch — then succeeded with a `ft:` model. A training file with a line that is not
 * JSON fails the job at validation. Paused time does not count (the spec has no `paused` status: a
 * paused job stays `running` and does not progress).
 */
export interface FineTuningSettings {
	speed: number;
	phaseMs: number;
}

export function fineTuningSettings(anchor: Pick<AreaContext, 'clock'>): FineTuningSettings {
	return perServer(anchor, 'fineTuningSettings', () => ({ speed: 1, phaseMs: 1_000 }));
}

export const FINE_TUNABLE_MODELS = ['gpt-4.1-2025-04-14', 'gpt-4.1-mini-2025-04-14', 'gpt-4.1-nano-2025-04-14', 'gpt-4o-2024-08-06', 'gpt-4o-mini-2024-07-18', 'gpt-4o-mini', 'gpt-3.5-turbo', 'babbage-002', 'davinci-002', 'o4-mini-2025-04-16'];
const REINFORCEMENT_MODELS = ['o4-mini-2025-04-16'];
const METHODS = ['supervised', 'dpo', 'reinforcement'] as const;
const GRADERS = ['string_check', 'text_similarity', 'python', 'score_model', 'multi'];
const ORGANIZATION = 'org-fakeFineTuning';

interface Job {
	id: string;
	projectId: string | null;
	createdAtMs: number;
	model: string;
	trainingFile: string;
	validationFile: string | null;
	method: JsonObject;
	hyperparameters: JsonObject;
	epochs: number;
	suffix: string | null;
	seed: number;
	metadata: Record<string, string> | null;
	invalidFile: string | null;
	cancelledAtMs: number | null;
	pausedAtMs: number | null;
	pausedMs: number;
	sequence: number;
}

type Status = 'validating_files' | 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export const fineTuningArea: AreaFactory = (context) => {
	const { clock, ids } = context;
	const settings = fineTuningSettings(context);
	const files = fileStoreFor(context);
	const jobs = new Map<string, Job>();
	let sequence = 0;

	/** Simulated progress in ms: the job's age (up to its cancel or pause) minus paused time, times speed. */
	const progress = (job: Job) => {
		const end = job.cancelledAtMs ?? job.pausedAtMs ?? clock.now();
		return Math.max(0, end - job.createdAtMs - job.pausedMs) * settings.speed;
	};
	const phase = () => settings.phaseMs;
	const totalMs = (job: Job) => phase() * (2 + job.epochs);
	const epochsDone = (job: Job) => (job.invalidFile ? 0 : Math.max(0, Math.min(job.epochs, Math.floor((progress(job) - 2 * phase()) / phase()))));
	const statusOf = (job: Job): Status => {
		const at = progress(job);
		if (job.invalidFile && at >= phase()) return 'failed';
		if (!job.invalidFile && at >= totalMs(job)) return 'succeeded';
		if (job.cancelledAtMs !== null) return 'cancelled';
		if (at < phase()) return 'validating_files';
		if (at < 2 * phase()) return 'queued';
		return 'running';
	};
	const seconds = (ms: number) => Math.floor(ms / 1000);
	const atProgress = (job: Job, ms: number) => seconds(job.createdAtMs + ms / settings.speed);
	const fineTunedModel = (job: Job) => `ft:${job.model}:${ORGANIZATION.slice(4).toLowerCase()}${job.suffix ? `:${job.suffix}` : ''}:${job.id.slice(-8)}`;

	const view = (job: Job) => {
		const status = statusOf(job);
		const finishedAt = status === 'succeeded' ? atProgress(job, totalMs(job)) : status === 'failed' ? atProgress(job, phase()) : status === 'cancelled' ? seconds(job.cancelledAtMs ?? 0) : null;
		return {
			object: 'fine_tuning.job',
			id: job.id,
			model: job.model,
			created_at: seconds(job.createdAtMs),
			finished_at: finishedAt,
			fine_tuned_model: status === 'succeeded' ? fineTunedModel(job) : null,
			organization_id: ORGANIZATION,
			result_files: [],
			status,
			validation_file: job.validationFile,
			training_file: job.trainingFile,
			hyperparameters: job.hyperparameters,
			trained_tokens: status === 'succeeded' ? 1_000 * job.epochs : null,
			error: status === 'failed' ? { code: 'invalid_training_file', message: `The job failed due to an invalid training file. ${job.invalidFile}`, param: 'training_file' } : null,
			integrations: null,
			seed: job.seed,
			estimated_finish: status === 'queued' || status === 'running' || status === 'validating_files' ? atProgress(job, totalMs(job)) : null,
			method: job.method,
			metadata: job.metadata,
		};
	};

	const events = (job: Job) => {
		const out: Array<{ object: string; id: string; created_at: number; level: string; message: string; type: string; data?: JsonObject }> = [];
		const event = (n: number, ms: number, message: string, level = 'info', data?: JsonObject) =>
			out.push({ object: 'fine_tuning.job.event', id: `ftevent-${job.id.slice(6, 18)}${String(n).padStart(4, '0')}`, created_at: atProgress(job, ms), level, message, type: data ? 'metrics' : 'message', ...(data ? { data } : {}) });
		const at = progress(job);
		event(0, 0, `Validating training file: ${job.trainingFile}`);
		if (job.invalidFile) {
			if (at >= phase()) event(1, phase(), `The job failed due to an invalid training file. ${job.invalidFile}`, 'error');
			return out.reverse();
		}
		if (at >= phase()) event(1, phase(), 'Files validated, moving job to queued state');
		if (at >= 2 * phase()) event(2, 2 * phase(), 'Fine-tuning job started');
		for (let epoch = 1; epoch <= epochsDone(job); epoch++) {
			const ms = (2 + epoch) * phase();
			event(2 + epoch * 2, ms, `Step ${epoch * 10}/${job.epochs * 10}: training loss=${lossAt(epoch).toFixed(4)}`, 'info', { step: epoch * 10, train_loss: lossAt(epoch), total_steps: job.epochs * 10 });
			event(3 + epoch * 2, ms, `Checkpoint created at step ${epoch * 10}`);
		}
		if (statusOf(job) === 'succeeded') {
			event(100, totalMs(job), `New fine-tuned model created: ${fineTunedModel(job)}`);
			event(101, totalMs(job), 'The job has successfully completed');
		}
		if (statusOf(job) === 'cancelled') event(102, progress(job), 'The job was cancelled');
		return out.reverse();
	};

	const checkpoints = (job: Job) => {
		const out = [];
		for (let epoch = 1; epoch <= epochsDone(job); epoch++) {
			out.push({
				object: 'fine_tuning.job.checkpoint',
				id: `ftckpt_${job.id.slice(6, 22)}${epoch}`,
				created_at: atProgress(job, (2 + epoch) * phase()),
				fine_tuned_model_checkpoint: `${fineTunedModel(job)}:ckpt-step-${epoch * 10}`,
				fine_tuning_job_id: job.id,
				step_number: epoch * 10,
				metrics: { step: epoch * 10, train_loss: lossAt(epoch), train_mean_token_accuracy: Math.min(1, 0.6 + epoch * 0.1) },
			});
		}
		return out.reverse();
	};

	const find = (request: FakeRequest): Job => {
		const job = jobs.get(request.params.fine_tuning_job_id);
		if (!job || job.projectId !== request.key.projectId) {
			throw new ApiError(404, 'invalid_request_error', `Could not find fine-tune: ${request.params.fine_tuning_job_id}`, 'id', 'fine_tune_not_found');
		}
		return job;
	};

	const page = <T extends { id: string }>(all: T[], query: FakeRequest['query'], defaultLimit: number) => {
		const params = readQueryParams(query, { after: { type: 'string' }, limit: { type: 'integer', min: 1, max: 100, default: defaultLimit } });
		let list = all;
		if (params.after) {
			const index = list.findIndex((entry) => entry.id === params.after);
			list = index === -1 ? [] : list.slice(index + 1);
		}
		const data = list.slice(0, params.limit);
		return { object: 'list', data, has_more: list.length > data.length };
	};

	const checkFile = (id: string, param: string): string | null => {
		const file = files.get(id);
		if (!file) throw badRequest(`Invalid file ID: ${id}. File not found.`, param, 'invalid_file_id');
		if (file.object.purpose !== 'fine-tune') throw badRequest(`File ${id} has purpose '${file.object.purpose}'; fine-tuning files must have purpose 'fine-tune'.`, param, 'invalid_file_purpose');
		const lines = file.content.toString('utf8').split('\n').filter((line) => line.trim() !== '');
		const bad = lines.findIndex((line) => {
			try {
				return !isObject(JSON.parse(line));
			} catch {
				return true;
			}
		});
		return bad === -1 ? null : `Line ${bad + 1} is not a JSON object.`;
	};

	return {
		name: 'fineTuning',
		reset: () => {
			jobs.clear();
			sequence = 0;
			Object.assign(settings, { speed: 1, phaseMs: 1_000 });
		},
		routes: [
			{
				method: 'POST',
				path: '/v1/fine_tuning/jobs',
				auth: { kind: 'api' },
				billable: true,
				handle: (request) => {
					const body = bodyObject(request.body);
					rejectUnknownFields(body, new Set(['model', 'training_file', 'validation_file', 'hyperparameters', 'method', 'suffix', 'seed', 'metadata', 'integrations']), 'modern');
					if (body.model === undefined) throw missingParameter('model');
					if (body.training_file === undefined) throw missingParameter('training_file');
					const model = asString(body.model, 'model', { nonEmpty: true });
					if (!FINE_TUNABLE_MODELS.includes(model)) throw badRequest(`Model ${model} is not available for fine-tuning or does not exist.`, 'model', 'model_not_available');
					const trainingFile = asString(body.training_file, 'training_file', { nonEmpty: true });
					const validationValue = optional(body, 'validation_file');
					const validationFile = validationValue === undefined ? null : asString(validationValue, 'validation_file', { nonEmpty: true });
					const invalidFile = checkFile(trainingFile, 'training_file') ?? (validationFile ? checkFile(validationFile, 'validation_file') : null);
					const suffixValue = optional(body, 'suffix');
					const suffix = suffixValue === undefined ? null : asString(suffixValue, 'suffix');
					if (suffix !== null && suffix.length > 64) throw badRequest("Invalid 'suffix': string too long. Expected a string with maximum length 64.", 'suffix', 'string_above_max_length');
					const seedValue = optional(body, 'seed');
					const seed = seedValue === undefined ? 42 : asInteger(seedValue, 'seed', { min: 0, max: 2_147_483_647 });
					const { method, hyperparameters } = readMethod(body, model);
					const epochs = typeof hyperparameters.n_epochs === 'number' ? hyperparameters.n_epochs : 3;
					const job: Job = {
						id: ids.next('ftjob-', 24),
						projectId: request.key.projectId,
						createdAtMs: clock.now(),
						model,
						trainingFile,
						validationFile,
						method,
						hyperparameters: resolvedHyperparameters(hyperparameters, epochs),
						epochs,
						suffix,
						seed,
						metadata: readMetadata(optional(body, 'metadata')),
						invalidFile,
						cancelledAtMs: null,
						pausedAtMs: null,
						pausedMs: 0,
						sequence: sequence++,
					};
					jobs.set(job.id, job);
					return { body: view(job) };
				},
			},
			{
				method: 'GET',
				path: '/v1/fine_tuning/jobs',
				auth: { kind: 'api' },
				handle: (request) => {
					const filters: Record<string, string> = {};
					const rest: FakeRequest['query'] = {};
					for (const [key, value] of Object.entries(request.query)) {
						const match = /^metadata\[(.+)\]$/.exec(key);
						if (match) filters[match[1]] = Array.isArray(value) ? value[value.length - 1] : value;
						else rest[key] = value;
					}
					const all = [...jobs.values()]
						.filter((job) => job.projectId === request.key.projectId && Object.entries(filters).every(([key, value]) => job.metadata?.[key] === value))
						.sort((a, b) => b.sequence - a.sequence)
						.map(view);
					return { body: page(all, rest, 20) };
				},
			},
			{ method: 'GET', path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}', auth: { kind: 'api' }, handle: (request) => ({ body: view(find(request)) }) },
			{
				method: 'POST',
				path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}/cancel',
				auth: { kind: 'api' },
				handle: (request) => {
					const job = find(request);
					const status = statusOf(job);
					if (['succeeded', 'failed', 'cancelled'].includes(status)) throw badRequest(`Job has already ${status === 'cancelled' ? 'been cancelled' : status === 'failed' ? 'failed' : 'completed'}.`, null, 'invalid_state');
					if (job.pausedAtMs !== null) resume(job);
					job.cancelledAtMs = clock.now();
					return { body: view(job) };
				},
			},
			{
				method: 'POST',
				path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}/pause',
				auth: { kind: 'api' },
				handle: (request) => {
					const job = find(request);
					if (statusOf(job) !== 'running' || job.pausedAtMs !== null) throw badRequest(`Only a running job can be paused; this job is ${job.pausedAtMs !== null ? 'paused' : statusOf(job)}.`, null, 'invalid_state');
					job.pausedAtMs = clock.now();
					return { body: view(job) };
				},
			},
			{
				method: 'POST',
				path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}/resume',
				auth: { kind: 'api' },
				handle: (request) => {
					const job = find(request);
					if (job.pausedAtMs === null) throw badRequest(`Only a paused job can be resumed; this job is ${statusOf(job)}.`, null, 'invalid_state');
					resume(job);
					return { body: view(job) };
				},
			},
			{
				method: 'GET',
				path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}/events',
				auth: { kind: 'api' },
				handle: (request) => ({ body: page(events(find(request)), request.query, 20) }),
			},
			{
				method: 'GET',
				path: '/v1/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints',
				auth: { kind: 'api' },
				handle: (request) => {
					const list = page(checkpoints(find(request)), request.query, 10);
					return { body: { ...list, first_id: list.data[0]?.id ?? null, last_id: list.data[list.data.length - 1]?.id ?? null } };
				},
			},
		],
	};

	function resume(job: Job): void {
		if (job.pausedAtMs === null) return;
		job.pausedMs += clock.now() - job.pausedAtMs;
		job.pausedAtMs = null;
	}
};

function lossAt(epoch: number): number {
	return Math.round((1.2 / (epoch + 0.5)) * 10_000) / 10_000;
}

/** `method` (or the older top-level `hyperparameters`): its type, its hyperparameters checked. */
function readMethod(body: JsonObject, model: string): { method: JsonObject; hyperparameters: JsonObject } {
	const legacy = optional(body, 'hyperparameters');
	const value = optional(body, 'method');
	if (value === undefined) {
		const hyperparameters = legacy === undefined ? {} : readHyperparameters(asObject(legacy, 'hyperparameters'), 'hyperparameters', 'supervised');
		return { method: { type: 'supervised', supervised: { hyperparameters } }, hyperparameters };
	}
	if (legacy !== undefined) throw badRequest("Provide hyperparameters in 'method', not both 'hyperparameters' and 'method'.", 'hyperparameters');
	const method = asObject(value, 'method');
	const type = asString(method.type, 'method.type');
	if (!(METHODS as readonly string[]).includes(type)) throw invalidEnumValue('method.type', type, METHODS);
	for (const key of Object.keys(method)) if (key !== 'type' && key !== type) throw badRequest(`Unknown parameter: 'method.${key}'.`, `method.${key}`, 'unknown_parameter');
	const settings = method[type] === undefined ? {} : asObject(method[type], `method.${type}`);
	if (type === 'reinforcement') {
		if (!REINFORCEMENT_MODELS.includes(model)) throw badRequest(`Model ${model} does not support reinforcement fine-tuning.`, 'model', 'model_not_available');
		if (settings.grader === undefined) throw missingParameter('method.reinforcement.grader');
		const grader = asObject(settings.grader, 'method.reinforcement.grader');
		if (!GRADERS.includes(String(grader.type))) throw invalidEnumValue('method.reinforcement.grader.type', String(grader.type), GRADERS);
	}
	const hyperparameters = settings.hyperparameters === undefined ? {} : readHyperparameters(asObject(settings.hyperparameters, `method.${type}.hyperparameters`), `method.${type}.hyperparameters`, type);
	return { method: { type, [type]: { ...settings, hyperparameters } }, hyperparameters };
}

const HYPERPARAMETERS: Record<string, Record<string, { min: number; max: number; integer: boolean } | readonly string[]>> = {
	supervised: { batch_size: { min: 1, max: 256, integer: true }, learning_rate_multiplier: { min: 0.0001, max: 100, integer: false }, n_epochs: { min: 1, max: 50, integer: true } },
	dpo: { batch_size: { min: 1, max: 256, integer: true }, learning_rate_multiplier: { min: 0.0001, max: 100, integer: false }, n_epochs: { min: 1, max: 50, integer: true }, beta: { min: 0.0001, max: 2, integer: false } },
	reinforcement: {
		batch_size: { min: 1, max: 256, integer: true },
		learning_rate_multiplier: { min: 0.0001, max: 100, integer: false },
		n_epochs: { min: 1, max: 50, integer: true },
		compute_multiplier: { min: 0.0001, max: 10, integer: false },
		eval_interval: { min: 1, max: 1000, integer: true },
		eval_samples: { min: 1, max: 1000, integer: true },
		reasoning_effort: ['default', 'low', 'medium', 'high'],
	},
};

function readHyperparameters(value: JsonObject, param: string, type: string): JsonObject {
	const known = HYPERPARAMETERS[type];
	for (const [key, entry] of Object.entries(value)) {
		const rule = known[key];
		if (!rule) throw badRequest(`Unknown parameter: '${param}.${key}'.`, `${param}.${key}`, 'unknown_parameter');
		if (Array.isArray(rule)) {
			if (!rule.includes(entry as string)) throw invalidEnumValue(`${param}.${key}`, String(entry), rule);
			continue;
		}
		if (entry === 'auto') continue;
		const { min, max, integer } = rule as { min: number; max: number; integer: boolean };
		if (typeof entry !== 'number' || (integer && !Number.isInteger(entry)) || entry < min || entry > max) {
			throw badRequest(`Invalid '${param}.${key}': expected 'auto' or ${integer ? 'an integer' : 'a number'} between ${min} and ${max}, got ${JSON.stringify(entry)}.`, `${param}.${key}`, 'invalid_value');
		}
	}
	return value;
}

function resolvedHyperparameters(value: JsonObject, epochs: number): JsonObject {
	return {
		batch_size: value.batch_size === undefined || value.batch_size === 'auto' ? 1 : value.batch_size,
		learning_rate_multiplier: value.learning_rate_multiplier === undefined || value.learning_rate_multiplier === 'auto' ? 1.8 : value.learning_rate_multiplier,
		n_epochs: epochs,
	};
}
