import type { IDataObject } from 'n8n-workflow';

import { canonicalDecimal } from '../../nodes/usage/decimal';
import { ENDPOINTS, type EndpointName } from '../../nodes/usage/endpoints';
import { camelCase } from '../../nodes/usage/rows';

/** A trigger's flat output row back in ledger terms (API metric names), to replay and compare with the truth. */
export interface Emission {
	rowKey: string;
	changeType: string;
	revision: number;
	values: { v: Array<string | number | null> };
	delta?: Record<string, unknown>;
	warning?: string;
}

export const endpointOf = (rowKey: string) => ENDPOINTS[rowKey.split('|')[0] as EndpointName];

export function toEmission(row: IDataObject): Emission {
	const endpoint = endpointOf(String(row.rowKey));
	const value = (source: IDataObject, metric: string) =>
		metric === 'amount' ? canonicalDecimal(source.amountRaw) : ((source[camelCase(metric)] ?? null) as number | null);
	const delta = row.delta as IDataObject | undefined;
	const emission: Emission = {
		rowKey: String(row.rowKey),
		changeType: String(row.changeType),
		revision: Number(row.revision),
		values: { v: endpoint.metrics.map((metric) => value(row, metric)) },
		delta: delta && Object.fromEntries(endpoint.metrics.map((metric) => [metric, value(delta, metric)])),
	};
	if (typeof row.warning === 'string') emission.warning = row.warning;
	return emission;
}
