import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { runCommand } from './process';

export const PACKAGE_NAME = 'n8n-nodes-openai-platform';

/** `<user folder>/.n8n/nodes/node_modules/<package>`: where n8n keeps an installed community package. */
export function communityPackageDir(userFolder: string): string {
	return join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
}

/**
 * Installs a packed tarball the way n8n's CommunityPackagesService does: extract it into
 * .n8n/nodes/node_modules/<name>, drop devDependencies, peerDependencies and optionalDependencies
 * from its package.json, then `npm install` its runtime dependencies inside it.
 */
export async function installTarball(tarball: string, userFolder: string): Promise<string> {
	const dir = communityPackageDir(userFolder);
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	await must('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], dir);
	const manifestFile = join(dir, 'package.json');
	const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, unknown>;
	delete manifest.devDependencies;
	delete manifest.peerDependencies;
	delete manifest.optionalDependencies;
	writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
	await must(
		'npm',
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
			'--loglevel=error',
		],
		dir,
	);
	return dir;
}

async function must(command: string, args: string[], cwd: string): Promise<void> {
	const result = await runCommand(command, args, { cwd, timeoutMs: 300_000 });
	if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}):\n${result.stderr || result.stdout}`);
}
