import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { OpenAiTransport } from './transport/client';
import type { CredentialTypeName } from './transport/credentialTypes';

/** What an operation gets for one item. It never talks to HTTP or n8n's item list directly. */
export interface OperationContext {
	n8n: IExecuteFunctions;
	transport: OpenAiTransport;
	itemIndex: number;
}

interface OperationBase {
	value: string;
	name: string;
	action: string;
	description: string;
	properties: INodeProperties[];
	/** The credential this operation's requests use, when not the node's own (e.g. an admin key for checkpoint permissions). */
	credentialType?: CredentialTypeName;
}

/**
 * The usual kind: one input item becomes one request and its output items. The node adds
 * displayOptions; the item engine adds pairing, order, concurrency and error handling.
 */
export interface ItemOperation extends OperationBase {
	kind?: 'item';
	execute(ctx: OperationContext): Promise<INodeExecutionData[]>;
}

/**
 * Items packed into as few requests as the API allows (embeddings): `prepare` reads and checks one
 * item; entries with the same `key` may share a request, up to `maxItems` entries and `maxWeight`
 * (e.g. tokens) per request; `send` makes one request and returns each entry's output items, in
 * the order of `entries`.
 */
export interface PackedOperation<Entry = unknown> extends OperationBase {
	kind: 'packed';
	limits: { maxItems: number; maxWeight: number };
	prepare(ctx: OperationContext): Promise<PackedEntry<Entry>>;
	send(ctx: PackedSendContext, entries: Array<PackedEntry<Entry>>): Promise<INodeExecutionData[][]>;
}

export interface PackedEntry<Entry = unknown> {
	itemIndex: number;
	/** Entries with equal keys can go in one request (same model and options). */
	key: string;
	/** What the entry costs against `limits.maxWeight` (e.g. its estimated tokens). */
	weight: number;
	value: Entry;
}

export interface PackedSendContext {
	n8n: IExecuteFunctions;
	transport: OpenAiTransport;
}

/**
 * All input items become one request (Batch API → create from items). The outputs carry their own
 * `pairedItem` (usually every input item).
 */
export interface AllItemsOperation extends OperationBase {
	kind: 'allItems';
	executeAll(ctx: AllItemsContext): Promise<INodeExecutionData[]>;
}

export interface AllItemsContext {
	n8n: IExecuteFunctions;
	transport: OpenAiTransport;
	itemIndexes: number[];
}

export type Operation = ItemOperation | PackedOperation | AllItemsOperation;

export interface Resource {
	value: string;
	name: string;
	description: string;
	/** Alphabetical by name, as n8n lists them. */
	operations: Operation[];
	/** The operation preselected when the resource is picked. */
	defaultOperation: string;
}
