import type { ICredentialType, IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription, IRequestOptions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OpenAiPlatformApi } from '../../credentials/OpenAiPlatformApi.credentials';
import { OpenAiPlatform } from '../../nodes/OpenAiPlatform/OpenAiPlatform.node';
import { FAKE_KEYS, FAKE_ORG_ID, startFakeOpenAi, type FakeOpenAi } from '../fake-openai';
import { defaultPackageDir, loadPackage, runWorkflow } from '../harness';
import { credentialsFor } from './mediaHelpers';
import { workflow } from './workflows';

/**
 * Whether n8n 2.41's HTTP Request node can use this package's credentials as a "Predefined
 * Credential Type" (it can), proven as far as the in-process harness allows (n8n-nodes-base is not
 * installed here, so the run-time part uses a stand-in that follows HttpRequestV3's
 * predefinedCredentialType branch):
 * - the editor lists a credential type there when it has `authenticate` (HTTP Request v3/v4:
 *   `credentialTypes: ['extends:oAuth2Api', 'extends:oAuth1Api', 'has:authenticate']`), and n8n-core's
 *   loader serialises a function `authenticate` as `{}` so the editor sees it;
 * - at run time n8n-core lets `n8n-nodes-base.httpRequest` (FULL_ACCESS_NODE_TYPES) decrypt any
 *   credential type, and `requestWithAuthentication` runs the credential's `authenticate`;
 * - because the credential authenticates, n8n adds its own "Custom API Call" entry (a pointer to
 *   the HTTP Request node) to the node's pickers unless the list already ends with one.
 */
let fake: FakeOpenAi;
beforeAll(async () => {
	fake = await startFakeOpenAi();
});
afterAll(async () => {
	await fake.stop();
});
beforeEach(() => fake.reset());

/** CredentialsSelect.isSupported of n8n's editor for the HTTP Request node's "Credential Type" list. */
function listedByHttpRequestNode(type: ICredentialType & { hidden?: boolean }, nodeType = 'n8n-nodes-base.httpRequest'): boolean {
	if (type.hidden) return false;
	if (type.restrictToSupportedNodes && !type.supportedNodes?.includes(nodeType)) return false;
	if (type.authenticate !== undefined && type.genericAuth !== true) return true;
	return (type.extends ?? []).some((parent) => parent === 'oAuth2Api' || parent === 'oAuth1Api');
}

describe("the editor's Predefined Credential Type list", () => {
	it('lists both API credentials of this package, as n8n serves them to the editor (not the webhook signing secret, which signs nothing)', async () => {
		const { credentialTypes } = await loadPackage(defaultPackageDir);
		const served = credentialTypes.map((type) => JSON.parse(JSON.stringify(type)) as ICredentialType);
		expect(served.map((type) => [type.name, listedByHttpRequestNode(type)])).toEqual([
			['openAiPlatformApi', true],
			['openAiAdminApi', true],
			['openAiWebhookApi', false],
		]);
	});

	it("relies on n8n-core's loader: a plain instance's authenticate method would not survive JSON", () => {
		const plain = JSON.parse(JSON.stringify(new OpenAiPlatformApi())) as ICredentialType;
		expect(plain.authenticate).toBeUndefined();
		expect(listedByHttpRequestNode(plain)).toBe(false);
	});
});

describe("n8n's own Custom API Call entry", () => {
	it('is not added to the resource list a second time: ours is the last option, with that name', () => {
		const resource = new OpenAiPlatform().description.properties.find((property) => property.name === 'resource');
		const names = (resource?.options ?? []).map((option) => option.name);
		// LoadNodesAndCredentials.injectCustomApiCallOptions adds one unless the last option is named so
		expect(names[names.length - 1]).toBe('Custom API Call');
		expect(names.filter((name) => name === 'Custom API Call')).toHaveLength(1);
	});

	it('when run, says where a custom call goes instead of "operation not known"', async () => {
		const result = await runWorkflow(workflow({ nodes: [{ parameters: { resource: 'chat', operation: '__CUSTOM_API_CALL__' } }] }), { credentials: credentialsFor(fake) });
		const error = result.nodeError('OpenAI') as { message: string; description?: string };
		expect(error.message).toBe('"Custom API Call" here is n8n\'s pointer to the HTTP Request node, not an operation of this node');
		expect(error.description).toMatch(/Predefined Credential Type/);
	});
});

/**
 * What HTTP Request v3/v4 does with Authentication "Predefined Credential Type": read the credential
 * (n8n-core grants this node type every credential type) and send through
 * `requestWithAuthentication`, which runs the credential's `authenticate`.
 */
class HttpRequestPredefinedStandIn implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'HTTP Request (stand-in)',
		name: 'httpRequest',
		group: ['output'],
		version: 4,
		description: 'The predefined-credential path of the HTTP Request node',
		defaults: { name: 'HTTP Request' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{ displayName: 'URL', name: 'url', type: 'string', default: '' },
			{ displayName: 'Credential Type', name: 'nodeCredentialType', type: 'string', default: '' },
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const type = this.getNodeParameter('nodeCredentialType', 0) as string;
		await this.getCredentials(type, 0);
		const options: IRequestOptions = { uri: this.getNodeParameter('url', 0) as string, method: 'GET', json: true, headers: {} };
		const body = (await this.helpers.requestWithAuthentication.call(this, type, options, undefined, 0)) as INodeExecutionData['json'];
		return [[{ json: body, pairedItem: { item: 0 } }]];
	}
}

describe('the HTTP Request node with this credential, at run time', () => {
	const node = (type: string) => ({ name: 'HTTP Request', type, parameters: { url: `${fake.url}/models`, nodeCredentialType: 'openAiPlatformApi' } });
	const credentials = () => ({ openAiPlatformApi: { apiKey: FAKE_KEYS.project, url: fake.url, organizationId: FAKE_ORG_ID } });

	it("sends the credential's key and organization, as the node type n8n grants every credential", async () => {
		const result = await runWorkflow(workflow({ nodes: [node('n8n-nodes-base.httpRequest')] }), { credentials: credentials(), nodeTypes: { 'n8n-nodes-base.httpRequest': new HttpRequestPredefinedStandIn() } });
		expect(result.status).toBe('success');
		expect(result.output('HTTP Request')[0].json).toMatchObject({ object: 'list' });
		expect(fake.requests[0]).toMatchObject({ path: '/v1/models', authKey: FAKE_KEYS.project });
		expect(fake.requests[0].headers['openai-organization']).toBe(FAKE_ORG_ID);
	});

	it('is refused for any other node type that does not declare the credential', async () => {
		const result = await runWorkflow(workflow({ nodes: [node('test.httpRequestCopy')] }), { credentials: credentials(), nodeTypes: { 'test.httpRequestCopy': new HttpRequestPredefinedStandIn() } });
		expect(result.nodeError('HTTP Request')?.message).toMatch(/does not have any credentials defined|does not have any credentials of type "openAiPlatformApi"/);
		expect(fake.requests).toHaveLength(0);
	});
});
