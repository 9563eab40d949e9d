import type { IDataObject } from 'n8n-workflow';

import type { FakeOpenAi } from '../fake-openai';
import { FAKE_KEYS, startFakeOpenAi } from '../fake-openai';
import { fineTuningSettings } from '../fake-openai/areas/fineTuning';
import { runWorkflow } from '../harness';
import { binarySpec, credentialsFor, mediaNodeTypes } from './mediaHelpers';
import { workflow } from './workflows';

/**
 * Fine-Tuning: every operation through the harness against the fake's jobs (which move on its
 * clock), training and validation data as file IDs or binaries uploaded in the same step, the three
 * methods with their hyperparameters, Wait for Completion (success, failure, the maximum wait, Stop),
 * the paged lists, and bad input named with its parameter and item.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

const auth = { authorization: `Bearer ${FAKE_KEYS.project}` };
const model = (value = 'gpt-4o-mini-2024-07-18') => ({ __rl: true, mode: 'list', value });
const run = async (items: IDataObject[], parameters: IDataObject, extra: Parameters<typeof runWorkflow>[1] = {}) =>
	await runWorkflow(workflow({ items, nodes: [{ parameters: { resource: 'fineTuning', ...parameters } }] }), { credentials: credentialsFor(fake), nodeTypes: mediaNodeTypes, ...extra });
const calls = (method: string, path: RegExp) => fake.requests.filter((request) => request.method === method && path.test(request.path));
const jobBody = () => calls('POST', /^\/v1\/fine_tuning\/jobs$/)[0].body as IDataObject;

const LINE = JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }] });
const TRAINING = Buffer.from(`${LINE}\n${LINE}\n`);

async function seedFile(text = TRAINING.toString(), name = 'train.jsonl'): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'fine-tune');
	form.append('file', new Blob([text]), name);
	return ((await (await fetch(`${fake.url}/files`, { method: 'POST', body: form, headers: auth })).json()) as { id: string }).id;
}

async function seedJob(metadata?: Record<string, string>): Promise<string> {
	const training = await seedFile();
	const response = await fetch(`${fake.url}/fine_tuning/jobs`, {
		method: 'POST',
		headers: { ...auth, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'gpt-4o-mini', training_file: training, method: { type: 'supervised', supervised: { hyperparameters: { n_epochs: 2 } } }, ...(metadata ? { metadata } : {}) }),
	});
	fake.clearRequests();
	return ((await response.json()) as { id: string }).id;
}

describe('Fine-Tuning → Create', () => {
	it('starts a supervised job from file IDs with hyperparameters, suffix, seed and metadata, returned at once', async () => {
		const training = await seedFile();
		const validation = await seedFile();
		const result = await run([{ training }], {
			operation: 'create',
			modelId: model(),
			trainingFileId: '={{ $json.training }}',
			options: { epochs: 4, batchSize: 8, learningRateMultiplier: 0.5, suffix: 'support', seed: 7, validationFileId: validation, metadata: { values: [{ key: 'team', value: 'ml' }] } },
		});
		expect(result.status).toBe('success');
		expect(jobBody()).toEqual({
			model: 'gpt-4o-mini-2024-07-18',
			training_file: training,
			validation_file: validation,
			method: { type: 'supervised', supervised: { hyperparameters: { batch_size: 8, learning_rate_multiplier: 0.5, n_epochs: 4 } } },
			suffix: 'support',
			seed: 7,
			metadata: { team: 'ml' },
		});
		expect(result.output('OpenAI')[0].json).toMatchObject({ id: expect.stringMatching(/^ftjob-/), status: 'validating_files', fine_tuned_model: null });
	});

	it('uploads the training and validation binaries in the same step, DPO with beta', async () => {
		const result = await run(
			[{ $binary: { data: binarySpec(TRAINING, 'train.jsonl', 'application/jsonl'), check: binarySpec(TRAINING, 'valid.jsonl', 'application/jsonl') } }],
			{ operation: 'create', modelId: model('gpt-4.1-mini-2025-04-14'), trainingSource: 'binary', method: 'dpo', options: { beta: 0.2, validationBinaryPropertyName: 'check' } },
		);
		expect(result.status).toBe('success');
		const uploads = calls('POST', /^\/v1\/files$/);
		expect(uploads).toHaveLength(2);
		const body = jobBody();
		expect(body.method).toEqual({ type: 'dpo', dpo: { hyperparameters: { beta: 0.2 } } });
		expect(body.training_file).toMatch(/^file-/);
		expect(body.validation_file).toMatch(/^file-/);
		expect(body.validation_file).not.toBe(body.training_file);
	});

	it('reinforcement with a grader and its hyperparameters', async () => {
		const training = await seedFile();
		const grader = { type: 'string_check', name: 'exact', input: '{{sample.output_text}}', reference: '{{item.answer}}', operation: 'eq' };
		const result = await run([{}], {
			operation: 'create',
			modelId: model('o4-mini-2025-04-16'),
			trainingFileId: training,
			method: 'reinforcement',
			grader: JSON.stringify(grader),
			options: { reasoningEffort: 'low', evalInterval: 5, evalSamples: 3, computeMultiplier: 1.5 },
		});
		expect(result.status).toBe('success');
		expect(jobBody().method).toEqual({ type: 'reinforcement', reinforcement: { hyperparameters: { compute_multiplier: 1.5, eval_interval: 5, eval_samples: 3, reasoning_effort: 'low' }, grader } });
	});

	it('waits for completion and outputs the fine-tuned model', async () => {
		Object.assign(fineTuningSettings(fake), { phaseMs: 100 });
		const training = await seedFile();
		const result = await run([{}], { operation: 'create', modelId: model(), trainingFileId: training, options: { epochs: 2, suffix: 'bot', waitForCompletion: true, pollIntervalSeconds: 0.1 } });
		expect(result.status).toBe('success');
		expect(result.output('OpenAI')[0].json).toMatchObject({ status: 'succeeded', fine_tuned_model: expect.stringMatching(/^ft:gpt-4o-mini-2024-07-18:.*:bot:/) });
		expect(calls('GET', /^\/v1\/fine_tuning\/jobs\/ftjob-/).length).toBeGreaterThanOrEqual(2);
	});

	it('a job that fails while waited for is an error with OpenAI\'s reason', async () => {
		Object.assign(fineTuningSettings(fake), { phaseMs: 100 });
		const training = await seedFile(`${LINE}\nnot json\n`);
		const result = await run([{}], { operation: 'create', modelId: model(), trainingFileId: training, options: { waitForCompletion: true, pollIntervalSeconds: 0.1 } });
		expect(result.nodeError('OpenAI')?.message).toMatch(/^Fine-tuning job ftjob-\w+ failed: The job failed due to an invalid training file\. Line 2 is not a JSON object\. \[item 0\]$/);
	});

	it('the maximum wait ends with an error; Stop ends the wait at once', async () => {
		const training = await seedFile();
		const slow = await run([{}], { operation: 'create', modelId: model(), trainingFileId: training, options: { waitForCompletion: true, maxWaitMinutes: 0.01, pollIntervalSeconds: 0.1 } });
		expect(slow.nodeError('OpenAI')?.message).toMatch(/^Fine-tuning job ftjob-\w+ is still (validating_files|queued) after waiting 0\.01 minutes \[item 0\]$/);
		const stopped = await run([{}], { operation: 'create', modelId: model(), trainingFileId: training, options: { waitForCompletion: true, pollIntervalSeconds: 5 } }, { cancelAfterMs: 400 });
		expect(stopped.status).toBe('canceled');
		expect(stopped.cancellation?.settled).toBe(true);
	});
});

describe('Fine-Tuning → Get, Get Many, Cancel, Pause, Resume, Get Events, Get Checkpoints', () => {
	it('gets a job and lists jobs (paged, filtered by metadata)', async () => {
		const jobs = [await seedJob({ team: 'a' }), await seedJob({ team: 'b' }), await seedJob({ team: 'a' })];
		expect((await run([{ id: jobs[0] }], { operation: 'get', jobId: '={{ $json.id }}' })).output('OpenAI')[0].json).toMatchObject({ id: jobs[0], object: 'fine_tuning.job' });
		const all = await run([{}], { operation: 'getAll', returnAll: true });
		expect(all.output('OpenAI').map((item) => item.json.id)).toEqual([...jobs].reverse());
		const limited = await run([{}], { operation: 'getAll', limit: 1 });
		expect(limited.output('OpenAI').map((item) => item.json.id)).toEqual([jobs[2]]);
		const filtered = await run([{}], { operation: 'getAll', returnAll: true, filters: { metadata: { values: [{ key: 'team', value: 'a' }] } } });
		expect(filtered.output('OpenAI').map((item) => item.json.id)).toEqual([jobs[2], jobs[0]]);
		expect(calls('GET', /^\/v1\/fine_tuning\/jobs$/).at(-1)?.query).toMatchObject({ 'metadata[team]': 'a' });
	});

	it('pauses, resumes and cancels a job', async () => {
		const id = await seedJob();
		fake.clock.advance(2_500);
		expect((await run([{}], { operation: 'pause', jobId: id })).output('OpenAI')[0].json).toMatchObject({ id, status: 'running' });
		expect((await run([{}], { operation: 'resume', jobId: id })).output('OpenAI')[0].json).toMatchObject({ id, status: 'running' });
		expect((await run([{}], { operation: 'cancel', jobId: id })).output('OpenAI')[0].json).toMatchObject({ id, status: 'cancelled' });
		const again = await run([{}], { operation: 'cancel', jobId: id });
		expect(again.nodeError('OpenAI')?.message).toMatch(/Job has already been cancelled.*\[item 0\]/);
	});

	it('lists events and checkpoints, newest first, following the pages', async () => {
		const id = await seedJob();
		fake.clock.advance(5_000);
		const events = await run([{}], { operation: 'getEvents', jobId: id, returnAll: true });
		const messages = events.output('OpenAI').map((item) => item.json.message);
		expect(messages[0]).toBe('The job has successfully completed');
		expect(messages.at(-1)).toMatch(/^Validating training file/);
		expect(messages).toHaveLength(9);
		const some = await run([{}], { operation: 'getEvents', jobId: id, limit: 2 });
		expect(some.output('OpenAI')).toHaveLength(2);

		const checkpoints = await run([{}], { operation: 'getCheckpoints', jobId: id, returnAll: true });
		expect(checkpoints.output('OpenAI').map((item) => item.json.step_number)).toEqual([20, 10]);
	});
});

describe('Fine-Tuning: bad input is named with its parameter and item, before any request', () => {
	it.each<[string, IDataObject, IDataObject[], string]>([
		['an empty model', { operation: 'create', modelId: model(' '), trainingFileId: 'file-1' }, [{}], 'The "Model" parameter is empty [item 0]'],
		['an empty training file ID', { operation: 'create', modelId: model(), trainingFileId: ' ' }, [{}], 'The "Training File ID" parameter is empty [item 0]'],
		['a training binary that is not JSONL', { operation: 'create', modelId: model(), trainingSource: 'binary' }, [{ $binary: { data: binarySpec(Buffer.from('a,b'), 'rows.csv', 'text/csv') } }], 'The file in "Training Input Data Field Name" ("rows.csv") is not a .jsonl file [item 0]'],
		['a missing validation binary', { operation: 'create', modelId: model(), trainingFileId: 'file-1', options: { validationBinaryPropertyName: 'check' } }, [{}], 'No binary property "check" for the "Validation Input Data Field Name" parameter [item 0]'],
		['both validation sources', { operation: 'create', modelId: model(), trainingFileId: 'file-1', options: { validationFileId: 'file-2', validationBinaryPropertyName: 'check' } }, [{}], 'Both "Validation File ID" and "Validation Input Data Field Name" are set [item 0]'],
		['epochs above 50', { operation: 'create', modelId: model(), trainingFileId: 'file-1', options: { epochs: '={{ 60 }}' } }, [{}], 'The "Epochs" option must be between 1 and 50, not 60 [item 0]'],
		['beta without DPO', { operation: 'create', modelId: model(), trainingFileId: 'file-1', options: { beta: 0.2 } }, [{}], 'The "Beta (DPO)" option only applies to the DPO method [item 0]'],
		['a grader that is not JSON', { operation: 'create', modelId: model(), trainingFileId: 'file-1', method: 'reinforcement', grader: '{type: x}' }, [{}], 'The "Grader (JSON)" parameter is not valid JSON'],
		['a grader of an unknown type', { operation: 'create', modelId: model(), trainingFileId: 'file-1', method: 'reinforcement', grader: '{"type": "vibes"}' }, [{}], 'The "Grader (JSON)" parameter must be a grader object whose "type" is one of string_check, text_similarity, python, score_model, multi [item 0]'],
		['a suffix above 64 characters', { operation: 'create', modelId: model(), trainingFileId: 'file-1', options: { suffix: 'x'.repeat(65) } }, [{}], 'The "Suffix" option is 65 characters long; OpenAI accepts at most 64 [item 0]'],
		['a job ID with spaces', { operation: 'get', jobId: 'ftjob 1' }, [{}], 'The "Job ID" parameter "ftjob 1" is not an ID [item 0]'],
	])('%s', async (_, parameters, items, message) => {
		const result = await run(items, parameters);
		expect(result.status).toBe('error');
		expect(result.nodeError('OpenAI')?.message).toContain(message);
		expect(fake.requests.filter((request) => request.path.startsWith('/v1/fine_tuning') || request.path === '/v1/files')).toHaveLength(0);
	});

	it('an unknown job is the API error of its item', async () => {
		const result = await run([{}], { operation: 'get', jobId: 'ftjob-nope' });
		expect(result.nodeError('OpenAI')?.message).toMatch(/Could not find fine-tune: ftjob-nope.*\[item 0\]/);
	});
});
