import { UnrecognizedCredentialTypeError, UnrecognizedNodeTypeError } from 'n8n-core';
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { createBuiltinNodeTypes } from './builtin-nodes';
import { defaultPackageDir, loadPackage } from './package-types';
import type { NodeTypeMap, TypeSourceOptions } from './types';

export class HarnessNodeTypes implements INodeTypes {
	constructor(private readonly types: NodeTypeMap) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (type === undefined) {
			const separator = nodeType.lastIndexOf('.');
			throw new UnrecognizedNodeTypeError(
				nodeType.slice(0, Math.max(separator, 0)),
				nodeType.slice(separator + 1),
			);
		}
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return Object.fromEntries(Object.keys(this.types).map((name) => [name, { sourcePath: '' }]));
	}
}

export class HarnessCredentialTypes implements ICredentialTypes {
	private readonly byName = new Map<string, ICredentialType>();

	constructor(
		types: ICredentialType[],
		private readonly supportedNodes: Record<string, string[]>,
	) {
		for (const type of types) this.byName.set(type.name, type);
	}

	recognizes(credentialType: string): boolean {
		return this.byName.has(credentialType);
	}

	getByName(credentialType: string): ICredentialType {
		const type = this.byName.get(credentialType);
		if (type === undefined) throw new UnrecognizedCredentialTypeError(credentialType);
		return type;
	}

	getSupportedNodes(type: string): string[] {
		return this.supportedNodes[type] ?? [];
	}

	/** All ancestors through `extends`, nearest first (like n8n's CredentialTypes). */
	getParentTypes(typeName: string): string[] {
		const extendsArray = this.byName.get(typeName)?.extends ?? [];
		return extendsArray.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}
}

export interface TypeRegistry {
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
}

function credentialNamesOf(type: INodeType | IVersionedNodeType): string[] {
	const versions = 'nodeVersions' in type ? Object.values(type.nodeVersions) : [type];
	return versions.flatMap((version) => (version.description.credentials ?? []).map(({ name }) => name));
}

/** Built-ins + the package's types + the caller's extras (extras win on name clashes). */
export async function createTypeRegistry(options: TypeSourceOptions = {}): Promise<TypeRegistry> {
	const packageDir = options.packageDir === undefined ? defaultPackageDir : options.packageDir;
	const loaded = packageDir === null ? undefined : await loadPackage(packageDir);

	const nodeTypes: NodeTypeMap = {
		...createBuiltinNodeTypes(),
		...loaded?.nodeTypes,
		...options.nodeTypes,
	};

	const supportedNodes: Record<string, string[]> = {};
	for (const [name, nodeIds] of Object.entries(loaded?.supportedNodes ?? {})) {
		supportedNodes[name] = [...nodeIds];
	}
	for (const [nodeId, type] of Object.entries(options.nodeTypes ?? {})) {
		for (const credentialName of credentialNamesOf(type)) {
			(supportedNodes[credentialName] ??= []).push(nodeId);
		}
	}

	const credentialTypes = [...(loaded?.credentialTypes ?? []), ...(options.credentialTypes ?? [])];
	return {
		nodeTypes: new HarnessNodeTypes(nodeTypes),
		credentialTypes: new HarnessCredentialTypes(credentialTypes, supportedNodes),
	};
}
