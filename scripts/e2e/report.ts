/** Progress lines and the PASS/FAIL/SKIPPED summary of an e2e run. */
export type Outcome = 'PASS' | 'FAIL' | 'SKIPPED';

export interface Check {
	name: string;
	outcome: Outcome;
	detail: string;
	ms: number;
}

const COLOURS: Record<Outcome, string> = { PASS: '32', FAIL: '31', SKIPPED: '33' };
const paint = (outcome: Outcome, text: string): string =>
	process.stdout.isTTY ? `\u001b[1;${COLOURS[outcome]}m${text}\u001b[0m` : text;

export class Report {
	readonly checks: Check[] = [];
	private readonly started = Date.now();

	step(message: string): void {
		const seconds = ((Date.now() - this.started) / 1000).toFixed(1).padStart(6);
		console.log(`[e2e ${seconds} s] ${message}`);
	}

	/** Runs one check; a thrown error is a FAIL with its message. */
	async check(name: string, body: () => Promise<string | void>): Promise<boolean> {
		const started = Date.now();
		try {
			const detail = (await body()) ?? '';
			this.add({ name, outcome: 'PASS', detail, ms: Date.now() - started });
			return true;
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			this.add({ name, outcome: 'FAIL', detail, ms: Date.now() - started });
			return false;
		}
	}

	skip(name: string, reason: string): void {
		this.add({ name, outcome: 'SKIPPED', detail: reason, ms: 0 });
	}

	add(check: Check): void {
		this.checks.push(check);
		const time = check.ms > 0 ? ` (${(check.ms / 1000).toFixed(1)} s)` : '';
		console.log(`${paint(check.outcome, check.outcome.padEnd(7))} ${check.name}${time}${check.detail ? `\n        ${indent(check.detail)}` : ''}`);
	}

	get failed(): number {
		return this.checks.filter((c) => c.outcome === 'FAIL').length;
	}

	/** The summary table and the closing `N passed, N failed, N skipped` line. */
	summary(): string {
		const count = (outcome: Outcome): number => this.checks.filter((c) => c.outcome === outcome).length;
		const lines = this.checks.map((c) => `  ${paint(c.outcome, c.outcome.padEnd(7))} ${c.name}`);
		const total = ((Date.now() - this.started) / 1000).toFixed(0);
		const verdict = this.failed > 0 || this.checks.length === 0 ? paint('FAIL', 'FAIL') : paint('PASS', 'PASS');
		return [
			'',
			`e2e summary (${total} s):`,
			...lines,
			`e2e ${verdict}`,
			`e2e: ${count('PASS')} passed, ${count('FAIL')} failed, ${count('SKIPPED')} skipped`,
		].join('\n');
	}
}

function indent(text: string): string {
	return text.trimEnd().split('\n').join('\n        ');
}
