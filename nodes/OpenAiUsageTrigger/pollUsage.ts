import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createTransport } from '../shared/transport/client';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';
import { readTriggerQueryInput, toParameterError } from '../shared/usageParameters';
import { enrichRows, isNameCache, referencedIds, resolveNames } from '../usage/enrich';
import type { NameCache } from '../usage/enrich';
import { pollItems, sampleItems } from '../usage/output';
import type { PollOutcome, TriggerState } from '../usage/poll';
import { isTriggerState, runUsagePoll, sampleUsage } from '../usage/poll';
import type { FlatRow } from '../usage/rows';
import { sdkFetchPage, sdkNameSource } from '../usage/sdk';
import type { UsageQuery } from '../usage/validate';
import { validateUsageQuery } from '../usage/validate';
import { readTriggerOptions } from './options';
import { endPoll, isBehindLastEmit, rememberEmit, startPoll } from './pollInFlight';
import { longestPollGapSeconds } from './pollInterval';

/** n8n's budget for a legacy poll when the engine does not say (5 minutes). */
const LEGACY_POLL_BUDGET_MS = 5 * 60_000;


/**
 * The trigger's poll: parameters → usage engine → items. State lives in the node's static data
 * (`usage`, and `usageNames` for the name cache); it is replaced only after everything that may
 * fail has run, and n8n stores it when this poll emits. Manual runs never read or write it.
 */
export async function pollUsage(ctx: IPollFunctions): Promise<INodeExecutionData[][] | null> {
	const startedAt = performance.now();
	const elapsedMs = () => performance.now() - startedAt;
	const nowSec = Math.floor(Date.now() / 1000);
	const options = readTriggerOptions(ctx);
	let query: UsageQuery;
	try {
		const isExpression = (name: string) => String(ctx.getNode().parameters[name] ?? '').startsWith('=');
		query = validateUsageQuery(readTriggerQueryInput(ctx), {
			startSec: null,
			endSec: null,
			timesOutsideSignature: { start: isExpression('startTime'), end: isExpression('endTime') },
		});
	} catch (error) {
		throw toParameterError(ctx.getNode(), error);
	}
	const manual = ctx.getMode() === 'manual';
	// The poll's budget (n8n's durable scheduler abandons a poll at its timeout and keeps nothing):
	// every request ends by then (the deadline aborts it, the SDK's retries included).
	const budgetMs = manual ? LEGACY_POLL_BUDGET_MS : pollBudgetMs(ctx);
	// (n8n's budget already keeps a margin before its timeout; the reads keep a reserve — collect.ts.)
	const deadline = AbortSignal.timeout(budgetMs);
	const transport = await createTransport(ctx, {
		credentialType: ADMIN_CREDENTIAL,
		timeoutMs: Math.min(options.timeoutMs, budgetMs),
		maxRetries: options.maxRetries,
		signal: manual ? undefined : deadline,
	});
	const fetchPage = sdkFetchPage(transport.client);
	const names = sdkNameSource(transport.client);

	if (manual) {
		try {
			const sample = await sampleUsage(query, nowSec, fetchPage, { includeOpenCosts: options.includeTodaysCosts });
			let rows = sampleItems(sample, options.outputMode, nowSec);
			if (options.enrichNames && rows.length > 0) {
				rows = enrichRows(rows, await resolveNames(referencedIds(flatten(rows)), undefined, names, nowSec));
			}
			return rows.length > 0 ? [ctx.helpers.returnJsonArray(rows as IDataObject[])] : null;
		} catch (error) {
			throw transport.toNodeError(error);
		}
	}

	// One poll of this trigger at a time (pollInFlight.ts): an overlapping one would emit the same rows.
	const key = `${ctx.getWorkflow().id ?? ''}:${ctx.getNode().id ?? ctx.getNode().name}`;
	const windowMs = 2 * budgetMs + 60_000;
	if (!startPoll(key, performance.now(), windowMs)) {
		ctx.logger.info('OpenAI usage poll: skipped, another poll of this trigger is still running (it emits what is new)');
		return null;
	}
	try {
		return await pollStored(ctx, { key, windowMs, query, options, nowSec, budgetMs, deadline, elapsedMs, transport, fetchPage, names });
	} finally {
		endPoll(key);
	}
}

interface StoredPollInput {
	key: string;
	windowMs: number;
	query: UsageQuery;
	options: ReturnType<typeof readTriggerOptions>;
	nowSec: number;
	budgetMs: number;
	deadline: AbortSignal;
	elapsedMs: () => number;
	transport: Awaited<ReturnType<typeof createTransport>>;
	fetchPage: ReturnType<typeof sdkFetchPage>;
	names: ReturnType<typeof sdkNameSource>;
}

/** A scheduled poll: from the stored position, emit what is new, store the new position. */
async function pollStored(ctx: IPollFunctions, input: StoredPollInput): Promise<INodeExecutionData[][] | null> {
	const { key, windowMs, query, options, nowSec, budgetMs, deadline, elapsedMs, transport, fetchPage, names } = input;
	const staticData = ctx.getWorkflowStaticData('node');
	const stored = isTriggerState(staticData.usage) ? staticData.usage : undefined;
	// (a state that never emitted is a new start, e.g. after an import: nothing to compare)
	if (stored?.emits !== undefined && isBehindLastEmit(key, collectionOf(stored), stored.emits, performance.now(), windowMs)) {
		ctx.logger.info('OpenAI usage poll: skipped, it started from a position older than the one this trigger emitted a moment ago');
		return null;
	}
	let outcome: PollOutcome;
	let rows: FlatRow[];
	let cache: NameCache | undefined;
	try {
		outcome = await runUsagePoll({
			query,
			state: staticData.usage,
			nowSec,
			settings: {
				revisionWindowMinutes: options.revisionWindowMinutes,
				emptyBuckets: options.emptyBuckets,
				includeOpenCosts: options.includeTodaysCosts,
				concurrency: options.concurrency,
			},
			fetchPage,
			budgetMs,
			elapsedMs,
			deadline,
			// n8n's durable scheduler keeps nothing from the activation poll: its first scheduled poll
			// finds no state, and the workflow was activated at most one poll interval before it.
			freshAnchorSec: isDurableSchedulerPoll(budgetMs) ? nowSec - longestPollGapSeconds(ctx) : nowSec,
		});
		rows = pollItems(outcome, options.outputMode, nowSec);
		if (options.enrichNames && rows.length > 0) {
			const previous = isNameCache(staticData.usageNames) ? staticData.usageNames : undefined;
			try {
				cache = await resolveNames(referencedIds(flatten(rows)), previous, names, nowSec);
			} catch (error) {
				// eslint-disable-next-line @n8n/community-nodes/require-node-api-error -- mapped by the catch below
				if (!deadline.aborted) throw error;
				// Out of time: the rows go out with the names known so far; the lists are read next time.
				ctx.logger.warn('OpenAI usage poll: no time left to read names; rows are emitted with the names cached before');
			}
			rows = enrichRows(rows, cache ?? previous ?? { fetchedAt: 0, projects: {}, users: {}, apiKeys: {} });
		}
	} catch (error) {
		throw transport.toNodeError(error);
	}

	// Commit: the ledger now records exactly the rows returned below. n8n saves it with this
	// emit; a poll that emits nothing only advances the in-memory copy (safe to lose).
	if (rows.length > 0) {
		outcome.state.emits = (stored && collectionOf(stored) === collectionOf(outcome.state) ? (stored.emits ?? 0) : 0) + 1;
		rememberEmit(key, collectionOf(outcome.state), outcome.state.emits, performance.now());
	}
	staticData.usage = outcome.state as unknown as IDataObject;
	if (cache) staticData.usageNames = cache as unknown as IDataObject;
	ctx.logger.debug('OpenAI usage poll', {
		emitted: rows.length,
		endpoints: outcome.progress
			.map((p) => `${p.endpoint}:${p.from}-${p.readTo}${p.complete ? '' : ' (partial)'} ${p.pages}p`)
			.join(', '),
		failed: outcome.failures.map((failure) => failure.endpoint).join(', '),
	});
	reportLateChecks(ctx, outcome, transport);
	if (rows.length > 0) {
		// Emit what was read; a failed endpoint is read again from where it stopped next poll.
		for (const { endpoint, error } of outcome.failures) {
			ctx.logger.warn(`OpenAI usage poll: reading ${endpoint} failed; what came before the failure is emitted, the rest is read again next poll: ${transport.toNodeError(error).message}`);
		}
		return [ctx.helpers.returnJsonArray(rows as IDataObject[])];
	}
	if (outcome.failures.length > 0) {
		// Nothing to emit: report the failure (n8n records a failed poll); the window is read again.
		const { endpoint, error } = outcome.failures[0];
		const nodeError = transport.toNodeError(error);
		nodeError.description = `While reading ${endpoint}: ${nodeError.description ?? ''}`.trim();
		throw nodeError;
	}
	if (outcome.progress.length > 0 && outcome.progress.every((p) => !p.complete && p.readTo === p.from)) {
		// Not one page arrived within the budget: say so rather than succeed with nothing, poll after poll.
		throw new NodeOperationError(ctx.getNode(), `No page of OpenAI's usage arrived within the poll's time budget (${Math.round(budgetMs / 1000)} s)`, {
			description:
				'Every request was cut at the end of the time n8n gives one poll; the same window is read again next poll. Lower "Timeout" or "Concurrency" in Options, or look at the network to OpenAI (docs/usage.md, "The poll budget").',
		});
	}
	return null;
}

/** The collection a state belongs to: its query and where it started. */
function collectionOf(state: TriggerState): string {
	return `${state.signature}|${state.anchorSec}`;
}

/** What n8n gives this poll: `getPollBudgetMs()` (n8n ≥ 2.36; about 36 s on the durable scheduler), else 5 minutes. */
function pollBudgetMs(ctx: IPollFunctions): number {
	const budget = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : LEGACY_POLL_BUDGET_MS;
	return Number.isFinite(budget) && budget > 0 ? budget : LEGACY_POLL_BUDGET_MS;
}

/**
 * n8n hands a poll of its durable scheduler a budget below its legacy 5 minutes (min(poll timeout,
 * lease) minus a margin; trigger-execution-context.factory.js in n8n 2.41). The activation poll and
 * legacy polls get the 5 minutes.
 */
function isDurableSchedulerPoll(budgetMs: number): boolean {
	return budgetMs < LEGACY_POLL_BUDGET_MS;
}

/** Says so when a bucket changed after the trigger stopped re-reading it (and when a check failed). */
function reportLateChecks(ctx: IPollFunctions, outcome: PollOutcome, transport: Awaited<ReturnType<typeof createTransport>>) {
	for (const check of outcome.lateChecks) {
		const bucket = new Date(check.bucketStart * 1000).toISOString();
		if (check.error !== undefined) {
			ctx.logger.warn(`OpenAI usage poll: the late check of ${check.endpoint} (bucket ${bucket}) failed, it is tried again next poll: ${transport.toNodeError(check.error).message}`);
		} else if (check.changedRows > 0) {
			const warning = outcome.changes.find((change) => change.warning && change.endpoint.name === check.endpoint)?.warning ?? '';
			ctx.logger.warn(`OpenAI usage poll: ${check.changedRows} row(s) of ${check.endpoint} bucket ${bucket} changed after the revision window. ${warning}`);
		}
	}
}

/** Flat rows, including those inside per-bucket items. */
function flatten(items: FlatRow[]): FlatRow[] {
	return items.flatMap((item) => (Array.isArray(item.rows) ? (item.rows as FlatRow[]) : [item]));
}
