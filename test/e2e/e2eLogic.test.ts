/** Pure logic of the real-n8n e2e and the side-by-side benchmark (no n8n started here). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { maxInFlight, median } from '../../bench/n8nBuiltin.bench';
import type { RequestLogEntry } from '../fake-openai';
import { binaryBytes, parseRawOutput } from '../../scripts/e2e/n8n';
import { Report } from '../../scripts/e2e/report';
import { RunView } from '../../scripts/e2e/runView';
import { FAST_POLL_TIMES, USAGE_TRIGGER_TYPE, withFastPolling } from '../../scripts/e2e/usageTriggerWorkflow';

describe('parseRawOutput (n8n execute --rawOutput)', () => {
	const run = { status: 'success', data: { resultData: { runData: { A: [{ data: { main: [[{ json: { x: 1 } }]] } }] } } } };

	it('takes the JSON after the log lines n8n prints first', () => {
		const stdout = `n8n Task Broker ready on 127.0.0.1, port 5679\nRegistered runner "JS Task Runner"\n${JSON.stringify(run, null, 2)}\n`;
		const parsed = parseRawOutput(stdout);
		expect(parsed?.status).toBe('success');
		expect(new RunView(parsed!).json('A')).toEqual([{ x: 1 }]);
	});

	it('gives null when n8n printed no result', () => {
		expect(parseRawOutput('Error: Unrecognized node type: n8n-nodes-openai-platform.openAiPlatform\n')).toBeNull();
	});
});

describe('RunView', () => {
	it('names the nodes that ran when asked for one that did not', () => {
		const view = new RunView({ data: { resultData: { runData: { Trigger: [{}] } } } });
		expect(() => view.items('OpenAI')).toThrow('Node "OpenAI" did not run (ran: Trigger)');
	});
});

describe('binaryBytes', () => {
	it('reads inline data and filesystem-v2 ids from the user folder', () => {
		const folder = mkdtempSync(join(tmpdir(), 'oaip-binary-'));
		try {
			mkdirSync(join(folder, '.n8n', 'storage', 'workflows', 'w', 'executions', '1', 'binary_data'), { recursive: true });
			writeFileSync(join(folder, '.n8n', 'storage', 'workflows', 'w', 'executions', '1', 'binary_data', 'f'), 'PNG!');
			expect(binaryBytes(folder, { id: 'filesystem-v2:workflows/w/executions/1/binary_data/f' }).toString()).toBe('PNG!');
			expect(binaryBytes(folder, { data: Buffer.from('hi').toString('base64') }).toString()).toBe('hi');
			expect(() => binaryBytes(folder, { id: 'filesystem-v2:workflows/w/executions/1/binary_data/missing' })).toThrow('neither in .n8n/storage');
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});
});

describe('withFastPolling', () => {
	it('gives usage triggers twelve every-minute poll times, 5 s apart (n8n refuses sub-minute crons)', () => {
		const workflow = {
			name: 'w',
			connections: {},
			nodes: [
				{ name: 'T', type: USAGE_TRIGGER_TYPE, parameters: { queryType: 'costs', pollTimes: { item: [{ mode: 'everyDay', hour: 7 }] } } },
				{ name: 'C', type: 'n8n-nodes-base.code', parameters: { jsCode: '' } },
			],
		};
		const fast = withFastPolling(workflow);
		expect(fast.nodes[0].parameters).toEqual({ queryType: 'costs', pollTimes: { item: FAST_POLL_TIMES } });
		expect(FAST_POLL_TIMES.map((t) => t.cronExpression)).toEqual(Array.from({ length: 12 }, (_, i) => `${i * 5} * * * * *`));
		// every seconds field is a plain number: what n8n's isSubMinuteCron accepts
		for (const { cronExpression } of FAST_POLL_TIMES) expect(cronExpression.split(' ')[0]).toMatch(/^\d+$/);
		expect(fast.nodes[1]).toBe(workflow.nodes[1]);
		expect(workflow.nodes[0].parameters).toEqual({ queryType: 'costs', pollTimes: { item: [{ mode: 'everyDay', hour: 7 }] } });
	});
});

describe('maxInFlight (requests the fake served at once)', () => {
	const entry = (startedAt: number, durationMs: number | null) => ({ startedAt, durationMs }) as RequestLogEntry;

	it('is 1 for strictly sequential requests, even when one ends as the next begins', () => {
		expect(maxInFlight([entry(0, 50), entry(50, 50), entry(100, 50)])).toBe(1);
	});

	it('counts overlapping requests and ignores unanswered ones', () => {
		expect(maxInFlight([entry(0, 100), entry(10, 100), entry(20, 10), entry(200, 5), entry(15, null)])).toBe(3);
	});
});

describe('median (the reported run of a repeated measurement)', () => {
	const run = (nodeMs: number) => ({ nodeMs, perItemMs: nodeMs / 1000, requests: 1000, endpoints: 'x', maxInFlight: 1 });

	it('takes the middle run by node time and keeps all node times in run order', () => {
		expect(median([run(3000), run(2500), run(9000)])).toMatchObject({ nodeMs: 3000, runs: [3000, 2500, 9000] });
		expect(median([run(2000)])).toMatchObject({ nodeMs: 2000, runs: [2000] });
		expect(median([run(4000), run(1000)]).nodeMs).toBe(1000);
	});
});

describe('Report', () => {
	it('ends with the plain "N passed, N failed, N skipped" line and fails on any failure', async () => {
		const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
		try {
			const report = new Report();
			await report.check('good', async () => 'fine');
			await report.check('bad', async () => {
				throw new Error('5 !== 6');
			});
			report.skip('later', 'SKIPPED (needs openAiPlatform image/generate)');
			expect(report.failed).toBe(1);
			const lines = report.summary().split('\n');
			expect(lines[lines.length - 1]).toBe('e2e: 1 passed, 1 failed, 1 skipped');
			expect(lines).toContain('e2e FAIL');
		} finally {
			log.mockRestore();
		}
	});

	it('a run with no checks is not a pass', () => {
		expect(new Report().summary()).toContain('e2e FAIL');
	});
});
