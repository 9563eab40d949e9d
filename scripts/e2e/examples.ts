import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import { PACKAGE_NAME } from './communityPackage';

export const EXAMPLE_SUFFIX = '.workflow.json';

export interface ExampleNode {
	id?: string;
	name: string;
	type: string;
	typeVersion?: number;
	parameters?: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
}

export interface ExampleWorkflow {
	id?: string;
	name: string;
	nodes: ExampleNode[];
	connections: Record<string, unknown>;
	[key: string]: unknown;
}

export interface Example {
	/** file name without .workflow.json, e.g. `demo-models` */
	name: string;
	file: string;
	workflow: ExampleWorkflow;
	/** what this package must provide for the example to run, e.g. `openAiPlatform chat/message` */
	needs: string[];
}

/** What the packed package provides: node names, and resource/operation pairs per node. */
export interface PackageCatalog {
	nodes: Set<string>;
	operations: Map<string, Set<string>>;
}

export function loadExamples(folder: string): Example[] {
	return readdirSync(folder)
		.filter((file) => file.endsWith(EXAMPLE_SUFFIX))
		.sort()
		.map((file) => {
			const path = join(folder, file);
			const workflow = JSON.parse(readFileSync(path, 'utf8')) as ExampleWorkflow;
			return { name: basename(file, EXAMPLE_SUFFIX), file: path, workflow, needs: needsOf(workflow) };
		});
}

/** Each node of this package that the workflow uses, as `<node>` or `<node> <resource>/<operation>`. */
export function needsOf(workflow: ExampleWorkflow): string[] {
	const needs = new Set<string>();
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(`${PACKAGE_NAME}.`)) continue;
		const name = node.type.slice(PACKAGE_NAME.length + 1);
		const { resource, operation } = node.parameters ?? {};
		needs.add(typeof resource === 'string' && typeof operation === 'string' ? `${name} ${resource}/${operation}` : name);
	}
	return [...needs].sort();
}

/** The needs the package does not meet (empty: the example can run). */
export function missingNeeds(example: Example, catalog: PackageCatalog): string[] {
	return example.needs.filter((need) => {
		const [used, pair] = need.split(' ');
		const node = baseNodeName(used, catalog.nodes);
		if (!catalog.nodes.has(node)) return true;
		return pair !== undefined && catalog.operations.has(node) && !catalog.operations.get(node)?.has(pair);
	});
}

/** `openAiUsageTool` is the AI-tool form n8n makes of `openAiUsage` (usableAsTool): the same node. */
export function baseNodeName(name: string, known: { has(name: string): boolean }): string {
	return name.endsWith('Tool') && !known.has(name) && known.has(name.slice(0, -4)) ? name.slice(0, -4) : name;
}

interface NodeDescription {
	name: string;
	properties: Array<{
		name: string;
		options?: readonly unknown[];
		displayOptions?: { show?: Record<string, readonly unknown[] | undefined> };
	}>;
}

/**
 * Reads the node classes listed in package.json `n8n.nodes` (compiled, under packageDir) and collects
 * their names and, for resource/operation nodes, every resource/operation pair they offer.
 */
export function readPackageCatalog(packageDir: string): PackageCatalog {
	const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as { n8n?: { nodes?: string[] } };
	const catalog: PackageCatalog = { nodes: new Set(), operations: new Map() };
	for (const file of manifest.n8n?.nodes ?? []) {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(join(packageDir, file)) as Record<string, new () => { description: NodeDescription }>;
		const className = basename(file, '.node.js');
		const description = new exported[className]().description;
		catalog.nodes.add(description.name);
		const pairs = operationPairs(description);
		if (pairs.size > 0) catalog.operations.set(description.name, pairs);
	}
	return catalog;
}

export function operationPairs(description: NodeDescription): Set<string> {
	const pairs = new Set<string>();
	for (const property of description.properties) {
		if (property.name !== 'operation') continue;
		const resources = property.displayOptions?.show?.resource ?? [];
		for (const resource of resources) {
			for (const option of property.options ?? []) pairs.add(`${String(resource)}/${String((option as { value?: unknown }).value)}`);
		}
	}
	return pairs;
}
