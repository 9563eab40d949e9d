import type { INodeProperties } from 'n8n-workflow';

/** The "Simplify Output" switch every text operation offers (on by default). */
export function simplifyProperty(description: string): INodeProperties {
	return {
		displayName: 'Simplify Output',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description,
	};
}
