import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/**
 * No node folder imports another (nodes/OpenAiPlatform, nodes/OpenAiUsage, nodes/OpenAiUsageTrigger):
 * what two nodes share lives in nodes/shared (n8n glue) or nodes/usage (the plain-TS usage engine),
 * and the usage engine does not depend on n8n.
 */
const NODES = resolve(__dirname, '../../nodes');
const NODE_FOLDERS = ['OpenAiPlatform', 'OpenAiUsage', 'OpenAiUsageTrigger'];

function tsFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) return tsFiles(path);
		return path.endsWith('.ts') ? [path] : [];
	});
}

function importsOf(file: string): string[] {
	const source = readFileSync(file, 'utf8');
	return [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((match) => match[1]);
}

/** The folder directly under nodes/ that an import of `file` lands in. */
function folderOf(file: string, specifier: string): string | undefined {
	if (!specifier.startsWith('.')) return undefined;
	return relative(NODES, resolve(file, '..', specifier)).split(/[\\/]/)[0];
}

describe('imports between node folders', () => {
	it.each(NODE_FOLDERS)('nodes/%s imports no other node folder', (folder) => {
		const crossing = tsFiles(join(NODES, folder)).flatMap((file) =>
			importsOf(file)
				.filter((specifier) => {
					const target = folderOf(file, specifier);
					return target !== undefined && target !== folder && NODE_FOLDERS.includes(target);
				})
				.map((specifier) => `${relative(NODES, file)} → ${specifier}`),
		);
		expect(crossing).toEqual([]);
	});

	it('the usage engine (nodes/usage) needs no n8n', () => {
		const n8n = tsFiles(join(NODES, 'usage')).flatMap((file) =>
			importsOf(file)
				.filter((specifier) => specifier.startsWith('n8n-') || folderOf(file, specifier)?.startsWith('OpenAi'))
				.map((specifier) => `${relative(NODES, file)} → ${specifier}`),
		);
		expect(n8n).toEqual([]);
	});
});
