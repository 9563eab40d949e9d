# Puts a Node >= 24 on PATH: the machine's own when it is new enough, otherwise the official
# binary that the npm registry serves (the node@24 package installs it from node-<os>-<arch>@24),
# cached outside the repo. Sourced by .ci/run and the e2e/dev scripts.
ensure_node24() {
	local major
	major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
	if [ "$major" -ge 24 ]; then return 0; fi
	echo "node24: this project needs Node.js 24 (you have $(node --version 2>/dev/null || echo none)); using Node 24 from the cache for this run" >&2
	local arch
	case "$(uname -m)" in
		x86_64 | amd64) arch=x64 ;;
		aarch64 | arm64) arch=arm64 ;;
		*) echo "node24: unsupported machine $(uname -m)" >&2; return 1 ;;
	esac
	local cache="${XDG_CACHE_HOME:-$HOME/.cache}/n8n-nodes-openai-platform/node24-$arch"
	local bin="$cache/node_modules/node-linux-$arch/bin"
	if [ ! -x "$bin/node" ]; then
		echo "node24: installing node-linux-$arch@24 from the npm registry into $cache"
		mkdir -p "$cache"
		npm install --prefix "$cache" --no-save --no-audit --no-fund --ignore-scripts "node-linux-$arch@24" >&2
	fi
	export PATH="$bin:$PATH"
	major=$(node -p 'process.versions.node.split(".")[0]')
	if [ "$major" -lt 24 ]; then
		echo "node24: still on node $(node --version)" >&2
		return 1
	fi
}
