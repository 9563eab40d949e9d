import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DirectoryLoader, PackageDirectoryLoader } from 'n8n-core';
import type { ICredentialType, INodeType, IVersionedNodeType } from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import type { NodeTypeMap } from './types';

/**
 * Under jest (ts-jest) this file runs as `.ts` from the repository; under `npm run demo` it runs as
 * `.js` from `.dev-build/`. Package sources are loaded the same way: `.ts` next to package.json, or
 * the compiled `.js` mirror inside `.dev-build/`.
 */
const sourceExtension = path.extname(__filename) === '.ts' ? '.ts' : '.js';
const codeRoot = path.resolve(__dirname, '..', '..');
const repositoryRoot = findPackageRoot(codeRoot);

function findPackageRoot(start: string): string {
	let dir = start;
	while (!existsSync(path.join(dir, 'package.json'))) {
		const parent = path.dirname(dir);
		if (parent === dir) return start;
		dir = parent;
	}
	return dir;
}

export const defaultPackageDir = repositoryRoot;

/** Where the loadable code of a package directory lives (itself, or its mirror in `.dev-build/`). */
function codeDirFor(packageDir: string): string {
	if (sourceExtension === '.ts') return packageDir;
	return path.join(codeRoot, path.relative(repositoryRoot, packageDir));
}

interface PackageJson {
	name?: string;
	n8n?: { nodes?: unknown; credentials?: unknown };
}

function readPackageJson(packageDir: string): PackageJson {
	const file = path.join(packageDir, 'package.json');
	if (!existsSync(file)) throw new UserError(`Harness: no package.json in "${packageDir}"`);
	return JSON.parse(readFileSync(file, 'utf8')) as PackageJson;
}

function listedFiles(value: unknown, field: string): string[] {
	if (value === undefined) return [];
	if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string')) {
		throw new UserError(`Harness: package.json "${field}" must be an array of paths`);
	}
	return value as string[];
}

/**
 * n8n-core's real package loader, reading the TypeScript sources instead of `dist/`:
 * `dist/nodes/X/X.node.js` → `<code dir>/nodes/X/X.node.ts`. Everything else (class name from the
 * file name, pollTimes for polling nodes, codex, icon checks, supportedNodes) is n8n's own code.
 */
class SourcePackageLoader extends PackageDirectoryLoader {
	private codeDir?: string;

	constructor(packageDir: string, codeDir: string) {
		super(packageDir);
		this.codeDir = codeDir;
	}

	protected resolvePath(file: string): string {
		if (this.codeDir !== undefined && file.startsWith('dist/')) {
			return path.resolve(this.codeDir, toSourcePath(file));
		}
		return super.resolvePath(file);
	}
}

function toSourcePath(distPath: string): string {
	const relative = distPath.slice('dist/'.length);
	return relative.endsWith('.js') ? `${relative.slice(0, -'.js'.length)}${sourceExtension}` : relative;
}

export interface LoadedPackage {
	packageName: string;
	/** Keyed by the id a real n8n gives the node: `<package name>.<description.name>`. */
	nodeTypes: NodeTypeMap;
	credentialTypes: ICredentialType[];
	/** Credential type name → node type ids that declare it (n8n's `supportedNodes`). */
	supportedNodes: Record<string, string[]>;
}

const loadedPackages = new Map<string, Promise<LoadedPackage>>();

/** Loads (once per process / jest module registry) the node and credential types a package lists. */
export async function loadPackage(packageDir: string): Promise<LoadedPackage> {
	const key = path.resolve(packageDir);
	let loaded = loadedPackages.get(key);
	if (!loaded) {
		loaded = loadPackageUncached(key);
		loadedPackages.set(key, loaded);
		loaded.catch(() => loadedPackages.delete(key));
	}
	return await loaded;
}

function assertListedFilesExist(packageDir: string, codeDir: string, packageJson: PackageJson) {
	const listed = [
		...listedFiles(packageJson.n8n?.nodes, 'n8n.nodes'),
		...listedFiles(packageJson.n8n?.credentials, 'n8n.credentials'),
	];
	const missing = listed
		.map((file) => ({ file, source: path.resolve(codeDir, toSourcePath(file)) }))
		.filter(({ file, source }) => !file.startsWith('dist/') || !existsSync(source));
	if (missing.length > 0) {
		const lines = missing.map(({ file, source }) =>
			file.startsWith('dist/')
				? `  ${file} → ${path.relative(packageDir, source) || source} does not exist`
				: `  ${file} does not start with "dist/"`,
		);
		throw new UserError(
			`Harness: package.json of "${packageJson.name ?? packageDir}" lists files that cannot be loaded:\n${lines.join('\n')}`,
		);
	}
}

async function loadPackageUncached(packageDir: string): Promise<LoadedPackage> {
	const packageJson = readPackageJson(packageDir);
	if (!packageJson.name) throw new UserError(`Harness: package.json in "${packageDir}" has no name`);
	const codeDir = codeDirFor(packageDir);
	assertListedFilesExist(packageDir, codeDir, packageJson);

	const loader = new SourcePackageLoader(packageDir, codeDir);
	await loader.loadAll();

	const nodeTypes: NodeTypeMap = {};
	for (const [name, { type }] of Object.entries(loader.nodeTypes)) {
		applyDeclarativeOptions(type);
		nodeTypes[`${loader.packageName}.${name}`] = type;
	}
	const credentialTypes: ICredentialType[] = [];
	const supportedNodes: Record<string, string[]> = {};
	for (const [name, { type }] of Object.entries(loader.credentialTypes)) {
		credentialTypes.push(type);
		supportedNodes[name] = (loader.known.credentials[name]?.supportedNodes ?? []).map(
			(nodeName) => `${loader.packageName}.${nodeName}`,
		);
	}
	return { packageName: loader.packageName, nodeTypes, credentialTypes, supportedNodes };
}

/** What n8n's LoadNodesAndCredentials does for declarative (routing) nodes; a no-op otherwise. */
function applyDeclarativeOptions(type: INodeType | IVersionedNodeType) {
	const versions = 'nodeVersions' in type ? Object.values(type.nodeVersions) : [type];
	for (const version of versions) DirectoryLoader.applyDeclarativeNodeOptionParameters(version);
}
