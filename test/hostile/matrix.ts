import { createServer } from 'node:net';

import { FAKE_KEYS, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { encodeSpeech } from '../fake-openai/areas/media/audioCodecs';
import { startLogCapture, type LogCapture } from '../harness/log-capture';
import type { HostileAnswer } from './answers';
import { HOSTILE_ANSWERS } from './answers';
import { expectationFor } from './expectations';
import { FAMILIES, hasValidAnswer, type World } from './families';
import { runInputChecks } from './inputChecks';
import type { InputCheck, MatrixPart } from './report';
import { MATRIX_PARTS, mergeParts, renderFigures, saveReportPart, writeReport } from './report';
import type { Combination, MatrixSettings, Outcome, RunEnvironment } from './run';
import { installContextClock, logProblems, runCombination } from './run';
import { startHostileServer, type HostileServer } from './server';

/**
 * The hostile-server matrix (issue 10): every operation family × every hostile answer, each run
 * through the in-process n8n harness against test/hostile/server.ts, held to: a deadline, the
 * outcome the expectation table names, a clear and bounded node error, no secret anywhere, and for
 * the Usage Trigger no lost rows. Two test files share it (matrix.test.ts: every answer but the
 * 50 MB 200, which matrix50mb.test.ts runs one at a time), so that jest can run them side by side
 * where it has more than one worker.
 * `RELIABILITY_REPORT=docs/RELIABILITY.md npx jest test/hostile` writes the figures of both.
 */

// 16 runs at once in one process beside the fake and the hostile server, on 2 cores shared with the other
// jest worker: a 1 s Timeout is sometimes spent before a healthy answer is even read
export const SETTINGS: MatrixSettings = { timeoutMs: 2_000, maxRetries: 1, marginMs: 2_000 };

const FAKE_NOW = Date.UTC(2026, 10, 20, 15, 0);
const TRIGGER_CLOCK = { activatedAt: Date.UTC(2026, 10, 20, 10, 5), polledAt: Date.UTC(2026, 10, 20, 12, 5) };

export interface MatrixOptions {
	part: (typeof MATRIX_PARTS)[number];
	answers: HostileAnswer[];
	/** Combinations in flight at once. */
	lanes: number;
	/** Also run the input checks (Request Options, Base URL). */
	inputChecks?: boolean;
}

/** Every family × the given answers; the combinations the expectation table marks n/a are listed, not run. */
export function combinationsOf(answers: HostileAnswer[]): { combinations: Combination[]; notApplicable: MatrixPart['notApplicable'] } {
	const combinations: Combination[] = [];
	const notApplicable: MatrixPart['notApplicable'] = [];
	for (const family of FAMILIES) {
		for (const answer of answers) {
			const expectation = expectationFor(family, answer);
			const hasScript = answer.script({ valid: hasValidAnswer(family) ? () => ({ status: 200 }) : undefined }) !== undefined;
			if (expectation.outcome === 'n/a') notApplicable.push({ family: family.name, answer: answer.name, why: expectation.why });
			else if (!hasScript) notApplicable.push({ family: family.name, answer: answer.name, why: 'the kit has no healthy answer for this family' });
			else combinations.push({ index: combinations.length, family, answer, expectation });
		}
	}
	return { combinations, notApplicable };
}

/** Declares the jest hooks and tests of one part of the matrix. */
export function defineMatrix(options: MatrixOptions): void {
	const { combinations, notApplicable } = combinationsOf(options.answers);
	const outcomes = new Map<Combination, Outcome>();
	let inputChecks: InputCheck[] = [];
	let fake: FakeOpenAi;
	let server: HostileServer;
	let logCapture: LogCapture;
	let restoreClock: () => void;
	let wallMs = 0;

	beforeAll(async () => {
		fake = await startFakeOpenAi();
		fake.clock.set(FAKE_NOW);
		server = await startHostileServer({ holdMs: 15_000 });
		logCapture = startLogCapture();
		restoreClock = installContextClock();
		const fileId = await seedFile(fake);
		const world: World = {
			fake,
			fileId,
			vectorStoreId: await seedVectorStore(fake, fileId),
			projectId: fake.org.projects[0].id,
			userId: fake.org.users[0].id,
			wavBase64: encodeSpeech('hello from the hostile kit', 'wav').toString('base64'),
		};
		const env: RunEnvironment = { server, world, settings: SETTINGS, closedPort: await closedPort(), triggerClock: TRIGGER_CLOCK };
		const started = performance.now();
		await runLanes([...combinations].sort((a, b) => weight(b) - weight(a)), options.lanes, env, outcomes);
		if (options.inputChecks) inputChecks = await runInputChecks(server, world, TRIGGER_CLOCK);
		wallMs = performance.now() - started;
		const logs = logCapture.logs.join('\n');
		for (const outcome of outcomes.values()) outcome.problems.push(...logProblems(outcome, logs));
	}, 900_000); // a bound on the whole run, not a speed check: a busy 2-core machine has taken 4× the usual 80–90 s

	afterAll(async () => {
		restoreClock?.();
		logCapture?.stop();
		const report = process.env.RELIABILITY_REPORT;
		if (report && outcomes.size === combinations.length) {
			saveReportPart({ part: options.part, outcomes: [...outcomes.values()], notApplicable, inputChecks, wallMs });
			const merged = mergeParts();
			if (merged) writeReport(report, renderFigures({ ...merged, families: FAMILIES, answers: HOSTILE_ANSWERS, settings: SETTINGS }));
		}
		await server?.close();
		await fake?.stop();
	});

	describe(`hostile-server matrix (${options.part})`, () => {
		it(`runs every family × ${options.answers.length} answers (${combinations.length} combinations)`, () => {
			expect(outcomes.size).toBe(combinations.length);
		});

		describe.each(FAMILIES.map((family) => [family.name, family] as const))('%s', (_name, family) => {
			const mine = combinations.filter((combination) => combination.family === family);
			it.each(mine.map((combination) => [combination.answer.name, combination.expectation.outcome, combination] as const))(
				'× %s → %s',
				(_answer, _expected, combination) => {
					expect(outcomes.get(combination)?.problems).toEqual([]);
				},
			);
		});

		it('the hostile server answered only scenarios and holds nothing open once the runs ended', async () => {
			expect(server.unrouted).toEqual([]);
			// held answers end with their client; give closing sockets a moment
			for (let tries = 0; tries < 50 && server.diagnostics().heldAnswers > 0; tries++) await new Promise((resolve) => setTimeout(resolve, 100));
			expect(server.diagnostics().heldAnswers).toBe(0);
		});
	});

	if (options.inputChecks) {
		describe('input checks: refused before any request, naming the field', () => {
			it.each(['OpenAI Platform (Chat)', 'OpenAI Usage (Usage → Get)', 'OpenAI Usage Trigger', 'openAiPlatformApi credential Test', 'openAiAdminApi credential Test'])('%s', (target) => {
				const mine = inputChecks.filter((check) => check.name.startsWith(target));
				expect(mine.length).toBeGreaterThan(0);
				expect(mine.filter((check) => check.problems.length > 0).map((check) => `${check.name}: ${check.problems.join('; ')}`)).toEqual([]);
			});
		});
	}
}

/** Runs the combinations, `lanes` at a time, the slow ones (waiting out Timeouts) first. */
async function runLanes(queue: Combination[], lanes: number, env: RunEnvironment, outcomes: Map<Combination, Outcome>): Promise<void> {
	const runOne = async (combination: Combination) => {
		try {
			outcomes.set(combination, await runCombination(combination, env));
		} catch (error) {
			outcomes.set(combination, {
				family: combination.family.name,
				answer: combination.answer.name,
				expected: combination.expectation.outcome === 'success' ? 'success' : 'error',
				status: 'hung',
				durationMs: 0,
				deadlineMs: 0,
				problems: [`kit: the combination could not be run: ${String((error as Error).stack ?? error)}`],
				fragments: [],
				requests: 0,
			});
		}
	};
	const lane = async () => {
		for (let next = queue.shift(); next; next = queue.shift()) await runOne(next);
	};
	await Promise.all(Array.from({ length: lanes }, lane));
}

function weight(combination: Combination): number {
	const { answer } = combination;
	if (/stalled|no answer/.test(answer.name)) return 2;
	return answer.retried ? 1 : 0;
}

async function seedFile(fakeApi: FakeOpenAi): Promise<string> {
	const form = new FormData();
	form.append('purpose', 'user_data');
	form.append('file', new Blob([new TextEncoder().encode('{"hello":"world"}\n')]), 'seed.jsonl');
	const response = await fetch(`${fakeApi.url}/files`, { method: 'POST', body: form, headers: { authorization: `Bearer ${FAKE_KEYS.project}` } });
	return ((await response.json()) as { id: string }).id;
}

async function seedVectorStore(fakeApi: FakeOpenAi, fileId: string): Promise<string> {
	const response = await fetch(`${fakeApi.url}/vector_stores`, {
		method: 'POST',
		body: JSON.stringify({ name: 'hostile', file_ids: [fileId] }),
		headers: { authorization: `Bearer ${FAKE_KEYS.project}`, 'content-type': 'application/json' },
	});
	return ((await response.json()) as { id: string }).id;
}

async function closedPort(): Promise<number> {
	const probe = createServer();
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
	const { port } = probe.address() as { port: number };
	await new Promise<void>((resolve) => probe.close(() => resolve()));
	return port;
}
