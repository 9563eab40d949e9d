/**
 * The examples in examples/ are what the real-n8n e2e imports and runs (scripts/e2e). These checks
 * keep them importable and runnable without starting n8n: ids, credential references, connections,
 * one expectation per example, and parameters that exist on the node.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { OpenAiPlatform } from '../../nodes/OpenAiPlatform/OpenAiPlatform.node';
import { PACKAGE_NAME } from '../../scripts/e2e/communityPackage';
import { DEMO_CREDENTIALS, unknownCredentialRefs } from '../../scripts/e2e/credentials';
import { baseNodeName, loadExamples, missingNeeds, needsOf, operationPairs, type PackageCatalog } from '../../scripts/e2e/examples';
import { e2eVariants, expectations, triggerExpectations, webhookExpectations } from '../../scripts/e2e/expectations/index';
import { EXAMPLES_DIR, REPO } from '../../scripts/e2e/paths';
import { isUsageTriggerExample } from '../../scripts/e2e/usageTriggerWorkflow';
import { isWebhookTriggerExample } from '../../scripts/e2e/webhookTrigger';

const examples = loadExamples(EXAMPLES_DIR);
const platform = new OpenAiPlatform().description;

/** Every node the package lists in package.json, loaded from its TypeScript source. */
const packageNodes = new Map<string, INodeTypeDescription>(
	(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } }).n8n.nodes.map((file) => {
		const source = join(REPO, file.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(source) as Record<string, new () => { description: INodeTypeDescription }>;
		const description = new exported[basename(source, '.node.ts')]().description;
		return [description.name, description];
	}),
);

describe('examples/*.workflow.json', () => {
	it('include the demo and one example per area', () => {
		expect(examples.map((e) => e.name)).toEqual(expect.arrayContaining(['demo-models', 'chat-structured-rows', 'embeddings-many-items']));
	});

	it.each(examples.map((e) => [e.name, e] as const))('%s: ids, credentials and connections are importable', (_name, example) => {
		const { workflow } = example;
		expect(workflow.id).toMatch(/^[A-Za-z0-9]{1,21}$/);
		expect(unknownCredentialRefs(workflow.nodes)).toEqual([]);
		const names = workflow.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		expect(new Set(workflow.nodes.map((n) => n.id)).size).toBe(workflow.nodes.length);
		for (const [from, outputs] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const output of Object.values(outputs as Record<string, Array<Array<{ node: string }>>>)) {
				for (const target of output.flat()) expect(names).toContain(target.node);
			}
		}
	});

	it.each(examples.map((e) => [e.name, e] as const))('%s: has its e2e expectation', (name, example) => {
		if (isUsageTriggerExample(example.workflow)) expect(triggerExpectations[name]).toBeInstanceOf(Function);
		else if (isWebhookTriggerExample(example.workflow)) expect(webhookExpectations[name]).toBeInstanceOf(Function);
		else expect(expectations[name]).toBeInstanceOf(Function);
	});

	it('every example with an expectation exists (no stale entries)', () => {
		const names = examples.map((e) => e.name);
		for (const name of [...Object.keys(expectations), ...Object.keys(triggerExpectations), ...Object.keys(webhookExpectations)]) expect(names).toContain(name);
	});

	it.each(examples.map((e) => [e.name, e] as const))('%s: the parameters of our nodes exist on them', (_name, example) => {
		for (const node of example.workflow.nodes.filter((n) => n.type.startsWith(`${PACKAGE_NAME}.`))) {
			const description = packageNodes.get(baseNodeName(node.type.slice(PACKAGE_NAME.length + 1), packageNodes));
			if (!description) continue; // not landed yet: the e2e skips it
			const { resource, operation, pollTimes: _pollTimes, toolDescription: _toolDescription, ...rest } = node.parameters ?? {};
			const pairs = operationPairs(description);
			if (pairs.size > 0 && !pairs.has(`${String(resource)}/${String(operation)}`)) continue; // not landed yet
			const known = new Set(
				description.properties
					.filter((p) => {
						const show = p.displayOptions?.show;
						return !show?.resource || (show.resource.includes(resource as string) && (!show.operation || show.operation.includes(operation as string)));
					})
					.map((p) => p.name),
			);
			for (const name of Object.keys(rest)) expect({ node: node.name, parameter: name, known: known.has(name) }).toEqual({ node: node.name, parameter: name, known: true });
		}
	});
});

describe('examples the e2e runs as a variant', () => {
	it('every variant names an example', () => {
		for (const name of Object.keys(e2eVariants)) expect(examples.map((e) => e.name)).toContain(name);
	});

	it('offboard-user ships as a dry run; the e2e variant differs only in confirm: true', () => {
		const example = examples.find((e) => e.name === 'offboard-user');
		if (!example) throw new Error('examples/offboard-user.workflow.json is missing');
		const setNode = (workflow: typeof example.workflow) => workflow.nodes.find((node) => node.name === 'Who leaves');
		const confirmOf = (workflow: typeof example.workflow) =>
			(setNode(workflow)?.parameters as { assignments: { assignments: Array<{ name: string; value: unknown }> } }).assignments.assignments.find((a) => a.name === 'confirm')?.value;
		expect(confirmOf(example.workflow)).toBe(false);
		const variant = e2eVariants['offboard-user'](example.workflow);
		expect(confirmOf(variant)).toBe(true);
		expect(confirmOf(example.workflow)).toBe(false);
		const withoutConfirm = (workflow: typeof example.workflow) => JSON.parse(JSON.stringify(workflow).replace(/("name":"confirm","type":"boolean","value":)(true|false)/, '$1null')) as unknown;
		expect(withoutConfirm(variant)).toEqual(withoutConfirm(example.workflow));
	});
});

describe('e2e example planning', () => {
	const catalog: PackageCatalog = {
		nodes: new Set(['openAiPlatform']),
		operations: new Map([['openAiPlatform', new Set(['model/getAll', 'model/get'])]]),
	};
	const example = (nodes: Array<{ type: string; parameters?: Record<string, unknown> }>) => {
		const workflow = { id: 'x', name: 'x', connections: {}, nodes: nodes.map((n, i) => ({ name: `n${i}`, ...n })) };
		return { name: 'x', file: 'x', workflow, needs: needsOf(workflow) };
	};
	it('an example runs when the package has its node and operations', () => {
		const e = example([
			{ type: 'n8n-nodes-base.manualTrigger' },
			{ type: 'n8n-nodes-openai-platform.openAiPlatform', parameters: { resource: 'model', operation: 'getAll' } },
		]);
		expect(e.needs).toEqual(['openAiPlatform model/getAll']);
		expect(missingNeeds(e, catalog)).toEqual([]);
	});

	it('an operation or a node that has not landed is reported as missing (the e2e skips the example)', () => {
		const e = example([
			{ type: 'n8n-nodes-openai-platform.openAiPlatform', parameters: { resource: 'image', operation: 'generate' } },
			{ type: 'n8n-nodes-openai-platform.openAiUsageTrigger', parameters: {} },
		]);
		expect(missingNeeds(e, catalog)).toEqual(['openAiPlatform image/generate', 'openAiUsageTrigger']);
	});

	it('the AI-tool form of a node (…Tool) needs the node itself', () => {
		const tool = example([{ type: 'n8n-nodes-openai-platform.openAiPlatformTool', parameters: { resource: 'model', operation: 'get' } }]);
		expect(missingNeeds(tool, catalog)).toEqual([]);
		const unknown = example([{ type: 'n8n-nodes-openai-platform.openAiUsageTool', parameters: {} }]);
		expect(missingNeeds(unknown, catalog)).toEqual(['openAiUsageTool']);
	});

	it('reads resource/operation pairs from a node description', () => {
		const pairs = operationPairs(platform);
		expect(pairs.has('model/getAll')).toBe(true);
		expect(pairs.has('model/nope')).toBe(false);
	});

	it('credential references must be the demo credentials the e2e imports', () => {
		expect(unknownCredentialRefs([{ name: 'A', credentials: { openAiPlatformApi: DEMO_CREDENTIALS.openAiPlatformApi } }])).toEqual([]);
		expect(unknownCredentialRefs([{ name: 'A', credentials: { openAiPlatformApi: { id: 'other', name: 'Other' } } }])).toEqual([
			expect.stringContaining('node "A" uses openAiPlatformApi'),
		]);
	});
});
