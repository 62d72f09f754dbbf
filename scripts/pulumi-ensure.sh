#!/usr/bin/env bash
# Makes a suitable Pulumi CLI available and prints its absolute path as the last line of stdout.
#  - the `pulumi` on PATH, when it is 3.181 or newer (inline Automation API programs need that for refresh/destroy);
#  - otherwise one built from the Go module proxy at the release pinned in tools/pulumi-cli/go.mod, stamped with
#    that version, and cached outside the repository so that later runs take a second.
# Next to a built CLI it also puts pulumi-resource-pulumi-nodejs (from @pulumi/pulumi), which the engine runs for
# dynamic resources, as the official CLI archive does.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minimum="3.181.0"
pinned="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$root/tools/pulumi-cli/go.mod")"
cache="${PULUMI_SINCH_VOICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sinch-voice}/pulumi-$pinned"
say() { echo "pulumi:ensure: $*" >&2; }

at_least() { [ "$(printf '%s\n%s\n' "$minimum" "$1" | sort -V | head -n 1)" = "$minimum" ]; }

if existing="$(command -v pulumi 2>/dev/null)"; then
  version="$(PULUMI_SKIP_UPDATE_CHECK=true "$existing" version 2>/dev/null || true)"
  version="${version#v}"
  if [ -n "$version" ] && at_least "$version"; then
    say "using $existing ($version)"
    echo "$existing"
    exit 0
  fi
  say "ignoring $existing (version '${version:-unknown}' is older than $minimum)"
fi

if [ ! -x "$cache/pulumi" ] || [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$cache/pulumi" version 2>/dev/null)" != "$pinned" ]; then
  command -v go >/dev/null || { say "no pulumi $minimum+ on PATH and no Go toolchain to build one"; exit 1; }
  say "building pulumi $pinned from the Go module proxy into $cache (a few minutes the first time)"
  mkdir -p "$cache"
  (
    cd "$root/tools/pulumi-cli"
    # GOTOOLCHAIN=local: never download a toolchain; the machine's Go must satisfy the go directive.
    GOTOOLCHAIN=local GOFLAGS=-mod=readonly go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pinned" \
      -o "$cache/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  ) >&2
  mv -f "$cache/pulumi.partial" "$cache/pulumi"
fi

plugin="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ -f "$plugin" ]; then
  install -m 0755 "$plugin" "$cache/pulumi-resource-pulumi-nodejs"
else
  say "warning: $plugin not found (run npm install first); dynamic resources need it on PATH"
fi

say "using $cache/pulumi ($(PULUMI_SKIP_UPDATE_CHECK=true "$cache/pulumi" version))"
echo "$cache/pulumi"
