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
 * An OpenAI API key (project, user or service-account key) for everything except the Admin API.
 * `authenticate` is the one place the key is attached to a request.
 */
export class OpenAiPlatformApi implements ICredentialType {
	name = 'openAiPlatformApi';

	displayName = 'OpenAI Platform API';

	icon: Icon = { light: 'file:../icons/openai.svg', dark: 'file:../icons/openai.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-openai-platform/n8n-nodes-openai-platform/blob/main/docs/CREDENTIALS.md#openai-platform-api';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'sk-proj-...',
			description:
				'A project API key from platform.openai.com/api-keys (shown once when created). Admin keys (sk-admin-...) belong in the OpenAI Admin API credential.',
		},
		{
			displayName: 'Base URL',
			name: 'url',
			type: 'string',
			default: 'https://api.openai.com/v1',
			description:
				'Where requests go. Keep the default for OpenAI, or enter any OpenAI-compatible endpoint (it usually ends with /v1).',
		},
		{
			displayName: 'Organization ID',
			name: 'organizationId',
			type: 'string',
			default: '',
			placeholder: 'org-...',
			description:
				'Optional. Sent as the OpenAI-Organization header; only needed when your account belongs to several organizations.',
		},
		{
			displayName: 'Project ID',
			name: 'projectId',
			type: 'string',
			default: '',
			placeholder: 'proj_...',
			description:
				'Optional. Sent as the OpenAI-Project header, so usage is billed to that project (for user keys that can reach several projects).',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return attachOpenAiHeaders(credentials, requestOptions, true);
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ ($credentials.url || "https://api.openai.com/v1").replace(/\\/+$/, "") }}',
			url: '/models',
			method: 'GET',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'OpenAI rejected this key (401). Use a project API key (sk-proj-...) from platform.openai.com/api-keys. Admin keys (sk-admin-...) only work in the OpenAI Admin API credential.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This key may not list models (403). If it is a restricted key, give it read access to Models; check the Organization and Project IDs.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'The Base URL does not serve /models (404). It usually ends with /v1.',
				},
			},
		],
	};
}
