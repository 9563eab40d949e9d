import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { HostileAnswer } from './answers';
import type { Family } from './families';
import type { MatrixSettings, Outcome } from './run';
import { deadlineMs } from './run';

/**
 * The matrix's figures, as Markdown for docs/RELIABILITY.md. Written when RELIABILITY_REPORT names a
 * file: a file with the `<!-- figures:start -->` / `<!-- figures:end -->` markers gets that part
 * replaced, any other path gets the figures alone.
 */

export interface InputCheck {
	name: string;
	problems: string[];
}

/** The test files of the matrix; the report is written once all of them have run. */
export const MATRIX_PARTS = ['main', '50mb'] as const;

/** What one test file of the matrix found. */
export interface MatrixPart {
	part: (typeof MATRIX_PARTS)[number];
	outcomes: Outcome[];
	notApplicable: Array<{ family: string; answer: string; why: string }>;
	inputChecks: InputCheck[];
	wallMs: number;
}

export interface MatrixRun extends Omit<MatrixPart, 'part'> {
	/** Wall time of each test file. */
	partWallMs: Record<string, number>;
	families: Family[];
	answers: HostileAnswer[];
	settings: MatrixSettings;
}

/**
 * The parts of one jest invocation meet in a temporary folder, keyed by the jest process (the parent
 * of its workers, or the process itself when run in band): the last part to finish writes the report.
 */
const partsDir = join(tmpdir(), 'n8n-openai-platform-hostile-matrix');
const invocation = () => String(process.env.JEST_WORKER_ID ? process.ppid : process.pid);

export function saveReportPart(part: MatrixPart): void {
	mkdirSync(partsDir, { recursive: true });
	// the secrets' fragments stay in memory
	const outcomes = part.outcomes.map((outcome) => ({ ...outcome, fragments: [] }));
	writeFileSync(join(partsDir, `${invocation()}-${part.part}.json`), JSON.stringify({ ...part, outcomes }));
}

/** What the trigger sequence test (test/node/usageSequence.test.ts) measured, saved for the report. */
export interface SequenceFigures {
	seeds: number;
	polls: number;
	badPolls: number;
	failedPolls: number;
	restarts: number;
	rows: number;
	lost: number;
	duplicated: number;
	at: string;
}

const sequenceFile = join(partsDir, 'trigger-sequence.json');

export function saveSequenceFigures(figures: SequenceFigures): void {
	mkdirSync(partsDir, { recursive: true });
	writeFileSync(sequenceFile, JSON.stringify(figures));
}

/** The sequence test's figures, when it ran within the last hour. */
export function readSequenceFigures(): SequenceFigures | undefined {
	if (!existsSync(sequenceFile)) return undefined;
	const figures = JSON.parse(readFileSync(sequenceFile, 'utf8')) as SequenceFigures;
	return Date.now() - Date.parse(figures.at) < 3_600_000 ? figures : undefined;
}

function sequenceRow(): string {
	const figures = readSequenceFigures();
	if (!figures) return '| Lost rows, trigger sequence test (random bad/good polls and restarts) | not measured in this run (see "Running it") |';
	return `| Lost / duplicated rows, trigger sequence test (random bad/good polls and restarts) | ${figures.lost} lost, ${figures.duplicated} duplicated of ${figures.rows} rows (${figures.seeds} seeds, ${figures.polls} polls, ${figures.badPolls} with a bad answer, ${figures.failedPolls} failed, ${figures.restarts} restarts) |`;
}

/** All parts of this invocation merged, or undefined while one is missing. */
export function mergeParts(): Omit<MatrixRun, 'families' | 'answers' | 'settings'> | undefined {
	const parts: MatrixPart[] = [];
	for (const name of MATRIX_PARTS) {
		const file = join(partsDir, `${invocation()}-${name}.json`);
		if (!existsSync(file)) return undefined;
		parts.push(JSON.parse(readFileSync(file, 'utf8')) as MatrixPart);
	}
	return {
		outcomes: parts.flatMap((part) => part.outcomes),
		notApplicable: parts.flatMap((part) => part.notApplicable),
		inputChecks: parts.flatMap((part) => part.inputChecks),
		// jest runs the files one after the other on 2 cores (one worker): their times add up
		wallMs: parts.reduce((sum, part) => sum + part.wallMs, 0),
		partWallMs: Object.fromEntries(parts.map((part) => [part.part, part.wallMs])),
	};
}

export const START_MARKER = '<!-- figures:start -->';
export const END_MARKER = '<!-- figures:end -->';

/** "leak: API key in …" → "leak". */
export function categoryOf(problem: string): string {
	return problem.split(':')[0];
}

const OUTCOME_CATEGORIES = new Set(['silent success', 'error where a success was expected']);
const CLARITY_CATEGORIES = new Set(['raw error', 'raw error text in the message', 'raw error text in the description', 'unclear', 'misleading', 'unbounded']);

export interface Figures {
	tried: number;
	notApplicable: number;
	withinDeadline: number;
	asExpected: number;
	errorsExpected: number;
	clearErrors: number;
	leakSites: number;
	leakingCombinations: number;
	lostRows: number;
	triggerRows: number;
	triggerWindows: number;
	passing: number;
	inputChecks: number;
	inputChecksPassing: number;
}

export function figuresOf(run: MatrixRun): Figures {
	const { outcomes } = run;
	const has = (outcome: Outcome, categories: (category: string) => boolean) => outcome.problems.some((problem) => categories(categoryOf(problem)));
	const errorsExpected = outcomes.filter((outcome) => outcome.expected === 'error');
	const trigger = outcomes.filter((outcome) => outcome.lostRows !== undefined);
	return {
		tried: outcomes.length,
		notApplicable: run.notApplicable.length,
		withinDeadline: outcomes.filter((outcome) => !has(outcome, (category) => category === 'deadline')).length,
		asExpected: outcomes.filter((outcome) => !has(outcome, (category) => OUTCOME_CATEGORIES.has(category) || category === 'deadline')).length,
		errorsExpected: errorsExpected.length,
		clearErrors: errorsExpected.filter((outcome) => outcome.status === 'error' && !has(outcome, (category) => CLARITY_CATEGORIES.has(category))).length,
		leakSites: outcomes.reduce((sum, outcome) => sum + outcome.problems.filter((problem) => categoryOf(problem) === 'leak').length, 0),
		leakingCombinations: outcomes.filter((outcome) => has(outcome, (category) => category === 'leak')).length,
		lostRows: trigger.reduce((sum, outcome) => sum + (outcome.lostRows ?? 0), 0),
		triggerRows: trigger.reduce((sum, outcome) => sum + (outcome.expectedRows ?? 0), 0),
		triggerWindows: trigger.length,
		passing: outcomes.filter((outcome) => outcome.problems.length === 0).length,
		inputChecks: run.inputChecks.length,
		inputChecksPassing: run.inputChecks.filter((check) => check.problems.length === 0).length,
	};
}

const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`);
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function renderFigures(run: MatrixRun, when = new Date()): string {
	const f = figuresOf(run);
	const { settings } = run;
	const lines: string[] = [];
	lines.push(
		`Run of ${when.toISOString().slice(0, 16).replace('T', ' ')} UTC: ${run.families.length} operation families × ${run.answers.length} hostile answers, Timeout ${settings.timeoutMs} ms, Max Retries ${settings.maxRetries}, deadline ${deadlineMs(settings)} ms per request (Timeout × (retries + 1) + back-off + ${settings.marginMs} ms margin), wall time ${(run.wallMs / 1000).toFixed(1)} s (${Object.entries(run.partWallMs).map(([part, ms]) => `${part} ${(ms / 1000).toFixed(1)} s`).join(', ')}; the matrix's own runs, without loading jest and the modules).`,
		'',
		'| Figure | Value |',
		'|---|---|',
		`| Combinations tried | ${f.tried} (${f.notApplicable} not applicable, listed below) |`,
		`| Ended within the deadline | ${f.withinDeadline} / ${f.tried} (${percent(f.withinDeadline, f.tried)}) |`,
		`| Ended as the table expects (error, or success where the answer is valid) | ${f.asExpected} / ${f.tried} (${percent(f.asExpected, f.tried)}) |`,
		`| Clear errors (a node error that says what was wrong, bounded, no raw JavaScript text) | ${f.clearErrors} / ${f.errorsExpected} (${percent(f.clearErrors, f.errorsExpected)}) |`,
		`| Leaks (a key or the Base URL's password in outputs, errors, logs or requests) | ${f.leakSites} in ${f.leakingCombinations} combinations |`,
		`| Lost rows, matrix (Usage Trigger: a failed poll, then a healthy one) | ${f.lostRows} of ${f.triggerRows} rows in ${f.triggerWindows} windows |`,
		sequenceRow(),
		`| Input checks (Request Options out of range, a Base URL that is not a URL) | ${f.inputChecksPassing} / ${f.inputChecks} |`,
		`| Combinations passing every check | ${f.passing} / ${f.tried} (${percent(f.passing, f.tried)}) |`,
		'',
	);
	lines.push('Per hostile answer:', '', '| Answer | Issue classes | Tried | Passing |', '|---|---|---|---|');
	for (const answer of run.answers) {
		const mine = run.outcomes.filter((outcome) => outcome.answer === answer.name);
		lines.push(`| ${cell(answer.name)} | ${answer.classes.join(', ')} | ${mine.length} | ${mine.filter((outcome) => outcome.problems.length === 0).length} |`);
	}
	lines.push('', 'Per operation family:', '', '| Family | Tried | Passing |', '|---|---|---|');
	for (const family of run.families) {
		const mine = run.outcomes.filter((outcome) => outcome.family === family.name);
		lines.push(`| ${cell(family.name)} | ${mine.length} | ${mine.filter((outcome) => outcome.problems.length === 0).length} |`);
	}
	lines.push('', ...failureLines(run), '', ...notApplicableLines(run));
	return lines.join('\n');
}

/** Failing combinations grouped by the kind of problem and the answer: "silent success — {}: Chat, Embedding, …". */
function failureLines(run: MatrixRun): string[] {
	const groups = new Map<string, Map<string, string[]>>();
	for (const outcome of run.outcomes) {
		const categories = [...new Set(outcome.problems.map(categoryOf))];
		for (const category of categories) {
			const byAnswer = groups.get(category) ?? new Map<string, string[]>();
			const families = byAnswer.get(outcome.answer) ?? [];
			families.push(outcome.family);
			byAnswer.set(outcome.answer, families);
			groups.set(category, byAnswer);
		}
	}
	for (const check of run.inputChecks) {
		for (const category of new Set(check.problems.map(categoryOf))) {
			const byAnswer = groups.get(category) ?? new Map<string, string[]>();
			byAnswer.set(`input check: ${check.name}`, ['—']);
			groups.set(category, byAnswer);
		}
	}
	if (groups.size === 0) return ['No combination fails a check.'];
	const lines = ['Failing checks, by kind and answer (a combination may appear under several kinds):', ''];
	for (const [category, byAnswer] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
		const count = [...byAnswer.values()].reduce((sum, families) => sum + families.length, 0);
		lines.push(`- **${category}** (${count})`);
		for (const [answer, families] of byAnswer) lines.push(`  - ${answer}: ${families.join(', ')}`);
	}
	return lines;
}

function notApplicableLines(run: MatrixRun): string[] {
	if (run.notApplicable.length === 0) return [];
	return ['Not applicable:', '', ...run.notApplicable.map((entry) => `- ${entry.family} × ${entry.answer}: ${entry.why}`)];
}

/** Writes the figures into `path`: between the markers when the file has them, else the figures alone. */
export function writeReport(path: string, markdown: string): void {
	const existing = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
	const start = existing?.indexOf(START_MARKER) ?? -1;
	const end = existing?.indexOf(END_MARKER) ?? -1;
	if (existing !== undefined && start >= 0 && end > start) {
		writeFileSync(path, `${existing.slice(0, start + START_MARKER.length)}\n${markdown}\n${existing.slice(end)}`);
		return;
	}
	writeFileSync(path, `${markdown}\n`);
}
