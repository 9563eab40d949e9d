/** Printing for `npm run demo`: the chat comparison and the usage polls, as plain text. */
import type { IDataObject } from 'n8n-workflow';

import { inInputOrder, tokenTotals, type ChatPass } from './chatItems';
import { checkExactlyOnce, type UsageStory } from './usagePolls';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const count = (n: number) => n.toLocaleString('en-US');
const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const inFlight = (pass: ChatPass) => (pass.maxInFlight === undefined ? '' : `, ${pass.maxInFlight} in flight at most`);

export function printChat(inputs: IDataObject[], oneByOne: ChatPass, ours: ChatPass): void {
	const n = inputs.length;
	console.log(`   one at a time (concurrency 1)     ${seconds(oneByOne.nodeMs).padStart(9)}   ${count(n)} items${inFlight(oneByOne)}`);
	console.log(`   this node's default concurrency   ${seconds(ours.nodeMs).padStart(9)}   ${count(n)} items${inFlight(ours)}`);
	console.log(`   → ${(oneByOne.nodeMs / ours.nodeMs).toFixed(1)}× faster (node execution time as n8n records it, measured just now)`);
	const ordered = inInputOrder(ours, n) && inInputOrder(oneByOne, n);
	console.log(`   ${count(ours.items.length)} answers, ${ordered ? 'in input order, each paired with its input item' : 'NOT in input order'}`);
	console.log('   first answers, with the token usage on each item:');
	for (const [index, item] of ours.items.slice(0, 3).entries()) {
		const usage = item.json.usage as IDataObject | undefined;
		console.log(`     ${String(inputs[index].ticket)} ${JSON.stringify(inputs[index].text)}`);
		console.log(`       → ${JSON.stringify(item.json.content)}  usage ${JSON.stringify(usage)}`);
	}
	const totals = tokenTotals(ours.items);
	console.log(`   tokens over all ${count(n)} items: ${count(totals.input)} in, ${count(totals.output)} out, ${count(totals.total)} total`);
}

function describeRow(row: IDataObject): string {
	const base = `${row.bucketStartIso} ${row.projectId} ${row.model}: ${count(Number(row.numModelRequests))} requests, ${count(Number(row.inputTokens))} input tokens`;
	if (row.changeType !== 'revision') return base;
	const delta = (row.delta ?? {}) as IDataObject;
	return `${base} (revision ${row.revision}: +${count(Number(delta.numModelRequests))} requests, +${count(Number(delta.inputTokens))} input tokens)`;
}

export function printUsage(story: UsageStory): void {
	console.log(`   ${clock(story.activation.at)} workflow activated: ${story.activation.rows.length} rows (collecting starts now; a Start Time would backfill)`);
	for (const poll of story.polls) {
		const kinds = new Set(poll.rows.map((row) => row.changeType));
		const what = poll.rows.length === 0 ? 'nothing new: nothing emitted' : `${poll.rows.length} rows, ${[...kinds].join(' + ')} only`;
		console.log(`   ${clock(poll.at)} poll: ${what}`);
		for (const row of poll.rows.slice(0, 3)) console.log(`       ${describeRow(row)}`);
		if (poll.rows.length > 3) console.log(`       … ${poll.rows.length - 3} more`);
	}
	const check = checkExactlyOnce(story);
	const clean = check.repeatedNew.length === 0 && check.orphanRevisions.length === 0;
	console.log(
		`   checked: ${check.newRows} rows emitted once each as new, ${check.revisions} revisions of rows already emitted` +
			(clean ? ', no row twice' : ` — PROBLEM: repeated ${check.repeatedNew.join(', ')} orphan ${check.orphanRevisions.join(', ')}`),
	);
}
