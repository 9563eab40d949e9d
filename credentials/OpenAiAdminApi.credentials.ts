import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import { attachOpenAiHeaders } from './openAiHeaders';

/**
 * An OpenAI Admin key (sk-admin-...) for the Admin API: usage, costs, projects, users, keys,
 * audit logs. Read-only admin is enough for usage and costs.
 */
export class OpenAiAdminApi implements ICredentialType {
	name = 'openAiAdminApi';

	displayName = 'OpenAI Admin API';

	icon: Icon = { light: 'file:../icons/openai.svg', dark: 'file:../icons/openai.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-openai-platform/n8n-nodes-openai-platform/blob/main/docs/CREDENTIALS.md#openai-admin-api';

	properties: INodeProperties[] = [
		{
			displayName: 'Admin Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk-admin-...',
			description:
				'An Admin key from platform.openai.com/settings/organization/admin-keys (only organization owners can create one). "Read only" permissions are enough for usage and costs.',
		},
		{
			displayName: 'Base URL',
			name: 'url',
			type: 'string',
			default: 'https://api.openai.com/v1',
			description: 'Keep the default for OpenAI. Change it only for a proxy or a test server.',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'org-...',
			description:
				'Optional. Sent as the OpenAI-Organization header when the key can reach several organizations.',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return attachOpenAiHeaders(credentials, requestOptions, false);
	}

	/** Proves the key can read usage: one costs bucket for the last day. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.url || "https://api.openai.com/v1").replace(/\\/+$/, "") }}',
			url: '/organization/costs',
			method: 'GET',
			qs: {
				start_time: '={{ Math.floor(Date.now() / 86400000) * 86400 - 86400 }}',
				limit: 1,
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'OpenAI rejected this key (401). This credential needs an Admin key (sk-admin-...) created by an organization owner at platform.openai.com/settings/organization/admin-keys. Project keys (sk-proj-...) and user keys cannot read usage or costs.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This key cannot read usage or costs (403): it needs the api.usage.read scope. Use an Admin key (sk-admin-...) with "Read only" or "All" permissions; project keys (sk-proj-...) never have it.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'The Base URL does not serve /organization/costs (404). Keep https://api.openai.com/v1 unless you use a proxy.',
				},
			},
		],
	};
}
