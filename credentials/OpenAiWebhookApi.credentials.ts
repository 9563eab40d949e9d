import type { ICredentialType, Icon, INodeProperties } from 'n8n-workflow';

/**
 * The signing secret of one OpenAI webhook endpoint (whsec_..., shown once when the endpoint is created
 * at platform.openai.com/settings/project/webhooks). The OpenAI Webhook Trigger checks every request's
 * signature with it; it is never sent anywhere. Its test (the trigger's `signingSecretFormat`) checks
 * the format only: OpenAI offers no request that proves a signing secret.
 */
export class OpenAiWebhookApi implements ICredentialType {
	name = 'openAiWebhookApi';

	displayName = 'OpenAI Webhook API';

	icon: Icon = { light: 'file:../icons/openai.svg', dark: 'file:../icons/openai.dark.svg' };

	documentationUrl =
		'https://github.com/n8n-nodes-openai-platform/n8n-nodes-openai-platform/blob/main/docs/webhooks.md#the-signing-secret';

	properties: INodeProperties[] = [
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			placeholder: 'whsec_...',
			description:
				'The signing secret OpenAI showed when you created the webhook endpoint (platform.openai.com/settings/project/webhooks). Requests whose signature does not match it are rejected.',
		},
	];
}
