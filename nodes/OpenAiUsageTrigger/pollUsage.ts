import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { createTransport } from '../shared/transport/client';
import { ADMIN_CREDENTIAL } from '../shared/transport/credentialTypes';
import { readTriggerQueryInput, toParameterError } from '../shared/usageParameters';
import { enrichRows, isNameCache, referencedIds, resolveNames } from '../usage/enrich';
import type { NameCache } from '../usage/enrich';
import { pollItems, sampleItems } from '../usage/output';
import type { PollOutcome } from '../usage/poll';
import { runUsagePoll, sampleUsage } from '../usage/poll';
import type { FlatRow } from '../usage/rows';
import { sdkFetchPage, sdkNameSource } from '../usage/sdk';
import type { UsageQuery } from '../usage/validate';
import { validateUsageQuery } from '../usage/validate';
import { readTriggerOptions } from './options';

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
	const transport = await createTransport(ctx, {
		credentialType: ADMIN_CREDENTIAL,
		timeoutMs: options.timeoutMs,
		maxRetries: options.maxRetries,
	});
	const fetchPage = sdkFetchPage(transport.client);
	const names = sdkNameSource(transport.client);

	if (ctx.getMode() === 'manual') {
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

	const staticData = ctx.getWorkflowStaticData('node');
	const budgetMs = typeof ctx.getPollBudgetMs === 'function' ? ctx.getPollBudgetMs() : LEGACY_POLL_BUDGET_MS;
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
		});
		rows = pollItems(outcome, options.outputMode, nowSec);
		if (options.enrichNames && rows.length > 0) {
			const previous = isNameCache(staticData.usageNames) ? staticData.usageNames : undefined;
			cache = await resolveNames(referencedIds(flatten(rows)), previous, names, nowSec);
			rows = enrichRows(rows, cache);
		}
	} catch (error) {
		throw transport.toNodeError(error);
	}

	// Commit: the ledger now records exactly the rows returned below. n8n saves it with this
	// emit; a poll that emits nothing only advances the in-memory copy (safe to lose).
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
	return null;
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
