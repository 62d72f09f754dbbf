#!/usr/bin/env bash
# Makes a suitable Pulumi CLI available and prints its absolute path as the last line of stdout.
#  - the `pulumi` on PATH, when it is 3.181 or newer (inline Automation API programs need that for refresh/destroy)
#    and has pulumi-language-yaml beside it, as an official install does;
#  - otherwise one built from the Go module proxy at the release pinned in tools/pulumi-cli/go.mod, stamped with
#    that version, and cached outside the repository so that later runs take a second.
# Next to a built CLI it also puts pulumi-resource-pulumi-nodejs (from @pulumi/pulumi), which the engine runs for
# dynamic resources, as the official CLI archive does, and pulumi-language-yaml and pulumi-converter-yaml (built from
# the Go module proxy at pulumi-yaml's release below), which the YAML programs of the native plugin need.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
minimum="3.181.0"
pinned="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2 }' "$root/tools/pulumi-cli/go.mod")"
cache="${PULUMI_SINCH_VOICE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-sinch-voice}/pulumi-$pinned"
say() { echo "pulumi:ensure: $*" >&2; }
# shellcheck source=progress.sh
source "$root/scripts/progress.sh"

at_least() { [ "$(printf '%s\n%s\n' "$minimum" "$1" | sort -V | head -n 1)" = "$minimum" ]; }

# pulumi-yaml's release, built with its own go.mod pins (against pkg v3.274.1 it does not compile; the plugins talk
# gRPC, so the host built on its pins works with this CLI). Rebuilt only when the recorded version differs.
yaml_version="v1.25.0"
build_yaml_tools() {
  local directory="$1" tool
  for tool in pulumi-language-yaml pulumi-converter-yaml; do
    if [ -x "$directory/$tool" ] && [ "$(cat "$directory/$tool.version" 2>/dev/null)" = "$yaml_version" ]; then continue; fi
    command -v go >/dev/null || { say "no Go toolchain to build $tool (YAML programs need it)"; exit 1; }
    say "building $tool $yaml_version from the Go module proxy into $directory (about a minute the first time; a line every 15 s)"
    mkdir -p "$directory/.gobin"
    # GOBIN: go install writes there; the binary moves into place only once built, so an interrupted build leaves none.
    # GOTOOLCHAIN=local: never download a toolchain. An @version install builds with the module's own go.mod and go.sum.
    GOTOOLCHAIN=local GOBIN="$directory/.gobin" with_progress "building $tool" \
      go install -v -trimpath "github.com/pulumi/pulumi-yaml/cmd/$tool@$yaml_version"
    mv -f "$directory/.gobin/$tool" "$directory/$tool"
    echo "$yaml_version" >"$directory/$tool.version"
  done
}

if existing="$(command -v pulumi 2>/dev/null)"; then
  version="$(PULUMI_SKIP_UPDATE_CHECK=true "$existing" version 2>/dev/null || true)"
  version="${version#v}"
  if [ -n "$version" ] && at_least "$version" && [ ! -x "$(dirname "$existing")/pulumi-language-yaml" ]; then
    # An official install ships the YAML host beside the CLI; a CLI without one cannot run the YAML programs.
    say "ignoring $existing ($version): no pulumi-language-yaml beside it"
  elif [ -n "$version" ] && at_least "$version"; then
    say "using $existing ($version)"
    echo "$existing"
    exit 0
  else
    say "ignoring $existing (version '${version:-unknown}' is older than $minimum)"
  fi
fi

if [ ! -x "$cache/pulumi" ] || [ "$(PULUMI_SKIP_UPDATE_CHECK=true "$cache/pulumi" version 2>/dev/null)" != "$pinned" ]; then
  command -v go >/dev/null || { say "no pulumi $minimum+ on PATH and no Go toolchain to build one"; exit 1; }
  say "building pulumi $pinned from the Go module proxy into $cache (a few minutes the first time; a line every 15 s)"
  mkdir -p "$cache"
  (
    cd "$root/tools/pulumi-cli"
    # GOTOOLCHAIN=local: never download a toolchain; the machine's Go must satisfy the go directive.
    GOTOOLCHAIN=local GOFLAGS=-mod=readonly with_progress "building pulumi $pinned" \
      go build -v -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$pinned" \
      -o "$cache/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  )
  mv -f "$cache/pulumi.partial" "$cache/pulumi"
fi

plugin="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
if [ -f "$plugin" ]; then
  install -m 0755 "$plugin" "$cache/pulumi-resource-pulumi-nodejs"
else
  say "warning: $plugin not found (run npm install first); dynamic resources need it on PATH"
fi

# The YAML language host and converter, for the native plugin's YAML programs (examples/yaml-*). Beside the CLI, the
# CLI finds them without the "using … from $PATH" warning it prints for plugins found elsewhere on PATH.
build_yaml_tools "$cache"

say "using $cache/pulumi ($(PULUMI_SKIP_UPDATE_CHECK=true "$cache/pulumi" version))"
echo "$cache/pulumi"
