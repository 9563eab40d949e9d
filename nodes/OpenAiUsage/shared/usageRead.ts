import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { toItems } from '../../shared/engine/runItems';
import type { EndpointName } from '../../usage/endpoints';
import { enrichRows, referencedIds, resolveNames } from '../../usage/enrich';
import { queryUsage } from '../../usage/query';
import type { FlatRow } from '../../usage/rows';
import { sdkFetchPage, sdkNameSource } from '../../usage/sdk';
import { validateUsageQuery } from '../../usage/validate';
import type { OperationContext } from '../actions/types';
import { listProperties, readLimit } from '../../shared/list';
import { readUsageQueryInput, toParameterError, usageQueryProperties } from '../../shared/usageParameters';

/** Usage → Get and Cost → Get: a range of buckets, paged, cut at Limit, as flat rows. */
const DAY = 86_400;

interface ReadOptions {
	emptyBuckets?: 'skip' | 'zero';
	enrichNames?: boolean;
	outputMode?: 'rows' | 'buckets';
}

const optionsProperty: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Empty Buckets',
			name: 'emptyBuckets',
			type: 'options',
			options: [
				{ name: 'Skip', value: 'skip', description: 'Buckets without usage produce no item' },
				{ name: 'Zero-Fill', value: 'zero', description: 'One item with all metrics 0 per empty bucket' },
			],
			default: 'skip',
		},
		{
			displayName: 'Enrich With Names',
			name: 'enrichNames',
			type: 'boolean',
			default: false,
			description: 'Whether to add project names, user emails and API key names (needs the api.management.read scope)',
		},
		{
			displayName: 'Output',
			name: 'outputMode',
			type: 'options',
			options: [
				{ name: 'One Item per Bucket', value: 'buckets', description: 'A bucket with totals and all its rows' },
				{ name: 'One Item per Result', value: 'rows', description: 'A flat row per result' },
			],
			default: 'rows',
		},
	],
};

export function usageReadProperties(fixedQueryType?: EndpointName): INodeProperties[] {
	return [
		...usageQueryProperties({ startHint: 'Empty: 7 days ago', endHint: 'Empty: now', fixedQueryType }),
		...listProperties(),
		optionsProperty,
	];
}

export async function executeUsageRead(
	{ n8n, transport, itemIndex }: OperationContext,
	fixedQueryType?: EndpointName,
): Promise<INodeExecutionData[]> {
	const nowSec = Math.floor(Date.now() / 1000);
	let query;
	try {
		query = validateUsageQuery(readUsageQueryInput(n8n, itemIndex, fixedQueryType), { startSec: nowSec - 7 * DAY, endSec: nowSec });
	} catch (error) {
		throw toParameterError(n8n.getNode(), error, itemIndex);
	}
	const limit = readLimit(n8n, itemIndex);
	const options = n8n.getNodeParameter('options', itemIndex, {}) as ReadOptions;
	const result = await queryUsage(query, sdkFetchPage(transport.client), {
		limit,
		emptyBuckets: options.emptyBuckets ?? 'skip',
		outputMode: options.outputMode ?? 'rows',
		nowSec,
	});
	let rows = result.items;
	if (options.enrichNames && rows.length > 0) {
		const flat = rows.flatMap((row): FlatRow[] => (Array.isArray(row.rows) ? (row.rows as FlatRow[]) : [row]));
		rows = enrichRows(rows, await resolveNames(referencedIds(flat), undefined, sdkNameSource(transport.client), nowSec));
	}
	return toItems(rows as IDataObject[]);
}
