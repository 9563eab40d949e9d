import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';

import type { NodeTypeMap, PollResult } from '../harness';
import { createPollSession, defaultPackageDir, loadPackage, runWorkflow } from '../harness';
import { FAKE_KEYS } from '../fake-openai';
import { PLATFORM_CREDENTIAL_REF, PLATFORM_NODE_TYPE, workflow } from '../node/workflows';
import { ADMIN_CREDENTIAL_REF, TRIGGER_NAME, USAGE_NODE_TYPE, triggerWorkflow, usageNode } from '../node/usageWorkflows';
import type { HostileAnswer } from './answers';
import type { ErrorLike, Fragment, Secrets } from './checks';
import { clip, errorProblems, findLeaks, fragmentsOf, leaksInHarnessRequests, leaksInServerRequests } from './checks';
import type { Expectation } from './expectations';
import type { Family, World } from './families';
import { othersAnswer, validAnswer } from './families';
import type { Answer, HostileServer, Scenario } from './server';

/** How one combination is run: small Timeout and Max Retries, so that every deadline is short. */
export interface MatrixSettings {
	timeoutMs: number;
	maxRetries: number;
	/** Added to the deadline: event-loop delays on a busy machine. */
	marginMs: number;
}

export interface Combination {
	index: number;
	family: Family;
	answer: HostileAnswer;
	expectation: Expectation;
}

export interface Outcome {
	family: string;
	answer: string;
	expected: 'error' | 'success';
	status: 'error' | 'success' | 'hung';
	durationMs: number;
	deadlineMs: number;
	message?: string;
	/** Failed checks, each starting with its category ("leak:", "raw error", "unclear:", …). */
	problems: string[];
	/** For the log check at the end (the log capture is shared by concurrent runs). */
	fragments: Fragment[];
	requests: number;
	/** Usage Trigger: rows the healthy server had for the window that a later poll did not emit. */
	lostRows?: number;
	expectedRows?: number;
}

export interface RunEnvironment {
	server: HostileServer;
	world: World;
	settings: MatrixSettings;
	/** A port nothing listens on. */
	closedPort: number;
	/** The Usage Trigger's clock: activation at `activatedAt`, polls at `polledAt`. */
	triggerClock: { activatedAt: number; polledAt: number };
}

export const OUTPUT_NODE = 'OpenAI';
/** A run still going this long after its deadline is stopped (Stop in n8n) and reported as hung. */
const STOP_AFTER_DEADLINE_MS = 2_000;

/** The deadline: every attempt may take the Timeout, plus the SDK's back-off between attempts, plus the margin. */
export function deadlineMs(settings: MatrixSettings, sequentialRequests = 1, timeoutMs = settings.timeoutMs): number {
	let backoff = 0;
	for (let retry = 0; retry < settings.maxRetries; retry++) backoff += Math.min(500 * 2 ** retry, 8_000);
	return sequentialRequests * (timeoutMs * (settings.maxRetries + 1) + backoff) + settings.marginMs;
}

const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
function randomCore(length = 32): string {
	return [...randomBytes(length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

/** The Timeout of a combination: the matrix's, or longer for an answer that takes longer to read whole. */
export function timeoutOf(answer: HostileAnswer, settings: MatrixSettings): number {
	return Math.max(settings.timeoutMs, answer.timeoutMs ?? 0);
}

/** Distinctive secrets per combination: half of them gateway keys without the `sk-` prefix. */
export function secretsFor(index: number, withPassword: boolean): { secrets: Secrets; fragments: Fragment[] } {
	const cores = { apiKey: randomCore(), adminKey: randomCore(), password: withPassword ? randomCore(20) : undefined };
	const gateway = index % 2 === 0;
	const secrets: Secrets = {
		apiKey: gateway ? `gw_live_${cores.apiKey}` : `sk-proj-${cores.apiKey}`,
		adminKey: gateway ? `gwadm_${cores.adminKey}` : `sk-admin-${cores.adminKey}`,
		password: cores.password ? `pw${cores.password}` : undefined,
	};
	return { secrets, fragments: fragmentsOf(secrets, cores) };
}

/** Answers in order, the last repeating, counted per route. */
function inOrder(answers: Answer[]): Answer {
	let position = 0;
	return (request) => answers[Math.min(answers.length - 1, position++)](request);
}

/** The scenario's answer: the hostile sequence for attacked requests, healthy answers for the others. */
export function scenarioAnswer(family: Family, world: World, hostile: Answer[]): Answer {
	const attack = inOrder(hostile);
	if (!family.attacked) return attack;
	const others = othersAnswer(family, world);
	const attacked = family.attacked;
	return (request) => (attacked.test(request.path) ? attack(request) : others(request));
}

/**
 * The Usage Trigger reads `Date.now()`; the harness's clock swaps `Date.now` for the whole process,
 * which concurrent runs would see. Instead `Date.now` is swapped once for one that answers the
 * trigger's clock inside a trigger run's async context and the real time everywhere else.
 */
const triggerNow = new AsyncLocalStorage<() => number>();
const realDateNow = Date.now;
export function installContextClock(): () => void {
	Date.now = () => triggerNow.getStore()?.() ?? realDateNow();
	return () => {
		Date.now = realDateNow;
	};
}

/** The package's node types, wrapped so the error instance a node throws is kept (n8n stores plain copies only). */
async function recordingNodeTypes(thrown: unknown[]): Promise<NodeTypeMap> {
	const loaded = await loadPackage(defaultPackageDir);
	const wrap = (id: string): INodeType => {
		const base = loaded.nodeTypes[id] as INodeType;
		const wrapped = Object.create(base) as INodeType;
		wrapped.execute = async function (this: IExecuteFunctions) {
			try {
				return (await base.execute!.call(this)) as INodeExecutionData[][];
			} catch (error) {
				thrown.push(error);
				throw error;
			}
		};
		return wrapped;
	};
	return { [PLATFORM_NODE_TYPE]: wrap(PLATFORM_NODE_TYPE), [USAGE_NODE_TYPE]: wrap(USAGE_NODE_TYPE) };
}

function credentialsFor(secrets: Secrets, url: string) {
	return {
		openAiPlatformApi: { apiKey: secrets.apiKey, url },
		openAiAdminApi: { apiKey: secrets.adminKey, url },
	};
}

function baseUrlOf(env: RunEnvironment, scenario: Scenario, answer: HostileAnswer, userinfo: string | undefined): string {
	if (!answer.refused) return scenario.url;
	return `http://${userinfo ? `${userinfo}@` : ''}127.0.0.1:${env.closedPort}/v1`;
}

/** Runs one combination and checks everything but the logs (see `logProblems`). */
export async function runCombination(combination: Combination, env: RunEnvironment): Promise<Outcome> {
	const { family, answer, expectation } = combination;
	if (expectation.outcome === 'n/a') throw new Error('n/a combinations are not run');
	const withPassword = Boolean(answer.userinfo) || combination.index % 3 === 0;
	const { secrets, fragments } = secretsFor(combination.index, withPassword);
	const userinfo = secrets.password ? `hostile-user:${secrets.password}` : undefined;
	const hostile = answer.script({ valid: validAnswer(family, env.world) });
	if (!hostile) throw new Error(`${answer.name} does not apply to ${family.name}`);
	const scenario = env.server.scenario(scenarioAnswer(family, env.world, hostile), { userinfo });
	const url = baseUrlOf(env, scenario, answer, userinfo);
	const sequential = family.attacked ? 2 : 1;
	const outcome: Outcome = {
		family: family.name,
		answer: answer.name,
		expected: expectation.outcome,
		status: 'success',
		durationMs: 0,
		deadlineMs: deadlineMs(env.settings, sequential, timeoutOf(answer, env.settings)),
		problems: [],
		fragments,
		requests: 0,
	};
	if (family.node === 'trigger') await runTrigger(combination, env, scenario, url, secrets, outcome);
	else await runAction(combination, env, url, secrets, outcome);
	outcome.requests = scenario.requests.length;
	outcome.problems.push(...leaksInServerRequests(scenario.requests, fragments).map((where) => `leak: ${where}`));
	if (outcome.status !== 'hung' && outcome.durationMs > outcome.deadlineMs) {
		outcome.problems.push(`deadline: took ${Math.round(outcome.durationMs)} ms, more than Timeout × (retries + 1) + back-off + margin = ${outcome.deadlineMs} ms`);
	}
	return outcome;
}

async function runAction(combination: Combination, env: RunEnvironment, url: string, secrets: Secrets, outcome: Outcome): Promise<void> {
	const { family, answer } = combination;
	const { maxRetries } = env.settings;
	const timeoutMs = timeoutOf(answer, env.settings);
	const parameters = { ...family.parameters(env.world), requestOptions: { timeoutMs, maxRetries } };
	const credentials = family.credential === 'admin' ? { ...PLATFORM_CREDENTIAL_REF, ...ADMIN_CREDENTIAL_REF } : PLATFORM_CREDENTIAL_REF;
	const node = family.node === 'usage' ? usageNode(parameters) : { parameters, credentials };
	const thrown: unknown[] = [];
	const run = await runWorkflow(workflow({ items: family.items?.(env.world), nodes: [node] }), {
		credentials: credentialsFor(secrets, url),
		nodeTypes: await recordingNodeTypes(thrown),
		// a run that would never end is stopped, and reported as such
		cancelAfterMs: outcome.deadlineMs + STOP_AFTER_DEADLINE_MS,
		cancelGraceMs: 2_000,
	});
	outcome.durationMs = run.durationMs;
	const { fragments } = outcome;
	const leak = (where: string[]) => outcome.problems.push(...where.map((place) => `leak: ${place}`));
	leak(findLeaks(run.run, fragments, 'execution data'));
	leak(findLeaks(thrown, fragments, 'thrown error'));
	leak(leaksInHarnessRequests(run.httpRequests, fragments));
	if (run.cancellation) {
		outcome.status = 'hung';
		outcome.problems.push(`deadline: the run did not end by itself; Stop was pressed after ${outcome.deadlineMs + STOP_AFTER_DEADLINE_MS} ms${run.cancellation.settled ? '' : ', and it ignored Stop'}`);
		return;
	}
	const error = (run.nodeError(OUTPUT_NODE) ?? run.error) as ErrorLike | undefined;
	if (run.status === 'success' && !error) {
		outcome.status = 'success';
		if (outcome.expected === 'error') {
			outcome.problems.push(`silent success: ${describeOutput(outputOf(run))}`);
		}
		return;
	}
	outcome.status = 'error';
	judgeError(outcome, saysFor(combination), error ?? { message: `run status ${run.status} without an error` }, thrown[0]);
}

function outputOf(run: Awaited<ReturnType<typeof runWorkflow>>): INodeExecutionData[] {
	try {
		return run.output(OUTPUT_NODE);
	} catch {
		return [];
	}
}

function describeOutput(items: INodeExecutionData[]): string {
	const first = items[0]?.json;
	// long strings cut before stringifying: an output may hold a 50 MB answer
	const short = (_key: string, value: unknown) => (typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value);
	return `${items.length} item${items.length === 1 ? '' : 's'}${first ? `, the first ${clip(JSON.stringify(first, short), 120)}` : ''}`;
}

/** The answer's expectations, with what the expectation table says instead for this family, if anything. */
function saysFor(combination: Combination): HostileAnswer {
	const { answer, expectation } = combination;
	return expectation.outcome === 'error' && expectation.says ? { ...answer, says: expectation.says } : answer;
}

function judgeError(outcome: Outcome, answer: HostileAnswer, error: ErrorLike, instance: unknown): void {
	outcome.message = typeof error.message === 'string' ? error.message : undefined;
	if (outcome.expected === 'success') {
		outcome.problems.push(`error where a success was expected: "${clip(outcome.message ?? '')}"`);
		return;
	}
	outcome.problems.push(...errorProblems(error, answer, instance));
}

let triggerRuns = 0;

/** Usage Trigger: activate, then one poll against the hostile answer; after an error, a healthy poll must emit the whole window. */
async function runTrigger(
	combination: Combination,
	env: RunEnvironment,
	scenario: Scenario,
	url: string,
	secrets: Secrets,
	outcome: Outcome,
): Promise<void> {
	const { family, answer } = combination;
	const { maxRetries } = env.settings;
	const timeoutMs = timeoutOf(answer, env.settings);
	let now = env.triggerClock.activatedAt;
	const clock = () => now;
	const staticData: IDataObject = {};
	// A trigger of its own per combination (they run at once; n8n never runs one trigger's polls side by side).
	const workflow = { ...triggerWorkflow({ ...family.parameters(env.world), options: { timeoutMs, maxRetries } }), id: `hostile-${++triggerRuns}` };
	const session = createPollSession(
		workflow,
		TRIGGER_NAME,
		{ staticData, credentials: credentialsFor(secrets, url) },
	);
	const inClock = async <T>(fn: () => Promise<T>) => await triggerNow.run(clock, fn);
	const leak = (where: string[]) => outcome.problems.push(...where.map((place) => `leak: ${place}`));
	await inClock(async () => await session.activate());
	now = env.triggerClock.polledAt;
	const persistedBefore = structuredClone(staticData);
	const memoryBefore = session.inMemoryStaticData;

	const started = performance.now();
	const hardStop = outcome.deadlineMs + STOP_AFTER_DEADLINE_MS;
	let hardStopTimer: NodeJS.Timeout | undefined;
	const first = await Promise.race([
		inClock(async () => await session.poll()).then(
			(result) => ({ result, error: undefined as unknown }),
			(error: unknown) => ({ result: undefined, error }),
		),
		new Promise<'hung'>((resolve) => {
			hardStopTimer = setTimeout(() => resolve('hung'), hardStop);
		}),
	]);
	clearTimeout(hardStopTimer);
	outcome.durationMs = performance.now() - started;
	if (first === 'hung') {
		outcome.status = 'hung';
		outcome.problems.push(`deadline: the poll did not end within ${hardStop} ms`);
		return;
	}
	leak(pollLeaks(first.result, outcome.fragments, 'poll result'));
	leak(findLeaks(first.error ?? null, outcome.fragments, 'thrown error'));
	leak(findLeaks(staticData, outcome.fragments, 'static data'));
	if (first.error === undefined) {
		outcome.status = 'success';
		const rows = first.result?.items?.[0] ?? [];
		if (outcome.expected === 'error') outcome.problems.push(`silent success: the poll returned ${describeOutput(rows)}`);
		else if (answer.recovers) await countLostRows(env, rows, outcome);
		return;
	}
	outcome.status = 'error';
	judgeError(outcome, saysFor(combination), first.error as ErrorLike, first.error);
	if (outcome.expected !== 'error') return;
	// The failed poll must leave the position where it was …
	if (JSON.stringify(staticData) !== JSON.stringify(persistedBefore)) outcome.problems.push('lost rows: the stored position changed after a failed poll');
	if (JSON.stringify(session.inMemoryStaticData) !== JSON.stringify(memoryBefore)) {
		outcome.problems.push('lost rows: the in-memory position moved after a failed poll');
	}
	// … so that the next poll against a healthy server emits the whole window (a refused
	// connection cannot turn healthy: its Base URL points at a closed port).
	if (answer.refused) return;
	scenario.answerWith(validAnswer(family, env.world) as Answer);
	const second = await inClock(async () => await session.poll()).then(
		(result) => ({ result, error: undefined as unknown }),
		(error: unknown) => ({ result: undefined, error }),
	);
	if (second.error !== undefined) {
		outcome.problems.push(`recovery: the poll after the server turned healthy failed: "${clip(String((second.error as Error).message))}"`);
		return;
	}
	leak(pollLeaks(second.result, outcome.fragments, 'recovery poll result'));
	await countLostRows(env, second.result?.items?.[0] ?? [], outcome);
}

/** A poll's items and static data; its requests as n8n sent them (where the key belongs in Authorization). */
function pollLeaks(result: PollResult | undefined, fragments: Fragment[], root: string): string[] {
	if (!result) return [];
	const { items, staticData, inMemoryStaticData, httpRequests } = result;
	return [...findLeaks({ items, staticData, inMemoryStaticData }, fragments, root), ...leaksInHarnessRequests(httpRequests, fragments)];
}

/** The healthy server's rows of the polled window (from the fake itself) that the trigger did not emit. */
async function countLostRows(env: RunEnvironment, rows: INodeExecutionData[], outcome: Outcome): Promise<void> {
	const hour = 3_600;
	const start = Math.floor(env.triggerClock.activatedAt / 1000 / hour) * hour;
	const end = Math.floor(env.triggerClock.polledAt / 1000 / hour) * hour;
	const response = await fetch(
		`${env.world.fake.url}/organization/usage/completions?start_time=${start}&end_time=${end}&bucket_width=1h&group_by=model&limit=24`,
		{ headers: { authorization: `Bearer ${FAKE_KEYS.admin}` } },
	);
	const page = (await response.json()) as { data: Array<{ start_time: number; results: Array<{ model: string | null }> }> };
	const truth = new Set(page.data.flatMap((bucket) => bucket.results.map((result) => `${bucket.start_time}|${result.model}`)));
	const emitted = new Set(rows.map((row) => `${String(row.json.bucketStart)}|${String(row.json.model)}`));
	const lost = [...truth].filter((key) => !emitted.has(key)).length;
	outcome.expectedRows = truth.size;
	outcome.lostRows = lost;
	if (lost > 0) outcome.problems.push(`lost rows: ${lost} of the ${truth.size} rows of the window were never emitted`);
}

/** Log lines (captured for the whole matrix) that carry this combination's secrets. */
export function logProblems(outcome: Outcome, allLogs: string): string[] {
	const found = outcome.fragments.filter((fragment) => allLogs.includes(fragment.text));
	return found.length > 0 ? [`leak: ${found[0].label} in the logs`] : [];
}
