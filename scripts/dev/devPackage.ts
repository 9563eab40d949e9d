import { cpSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { communityPackageDir } from '../e2e/communityPackage';

/**
 * The repository's build as an installed community package: package.json (runtime fields only) and a
 * copy of dist/ in <user folder>/.n8n/nodes/node_modules/n8n-nodes-openai-platform, with the `openai`
 * dependency linked from the repository. A copy (not a link to the repository) so that `n8n-workflow`
 * resolves to n8n's own copy, as it does for a package installed from npm.
 */
export function syncPackage(repo: string, userFolder: string): string {
	const dir = communityPackageDir(userFolder);
	if (existsSync(dir) && lstatSync(dir).isSymbolicLink()) rmSync(dir);
	mkdirSync(join(dir, 'node_modules'), { recursive: true });
	const manifest = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as Record<string, unknown>;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.scripts;
	writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
	copyDist(repo, dir);
	const openai = join(dir, 'node_modules', 'openai');
	if (!existsSync(openai)) symlinkSync(join(repo, 'node_modules', 'openai'), openai, 'dir');
	return dir;
}

function copyDist(repo: string, dir: string): void {
	cpSync(join(repo, 'dist'), join(dir, 'dist'), { recursive: true, force: true });
}

/** Copies dist/ again after each rebuild (debounced); n8n's hot reload (N8N_DEV_RELOAD) picks it up. */
export function watchDist(repo: string, userFolder: string, onCopied: () => void): () => void {
	const dir = communityPackageDir(userFolder);
	let timer: NodeJS.Timeout | undefined;
	const watcher = watch(join(repo, 'dist'), { recursive: true }, () => {
		if (timer) clearTimeout(timer);
		timer = setTimeout(() => {
			try {
				copyDist(repo, dir);
				onCopied();
			} catch {
				// a build in progress can remove files under our feet; the next event copies again
			}
		}, 500);
	});
	return () => {
		if (timer) clearTimeout(timer);
		watcher.close();
	};
}
