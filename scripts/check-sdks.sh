#!/usr/bin/env bash
# Compiles the generated SDKs and the example programs that use them; exits non-zero at the first that fails.
#   bash scripts/check-sdks.sh [sdk-go] [sdk-python] [sdk-nodejs] [go-basic] [python-basic] [docs-go] [docs-python]
#   (none: all seven)
# Running them is test/sdk/languages.test.ts's (inline Automation API programs, which need no language host: a plain
# `pulumi up` of a Go or Python project needs pulumi-language-go or -python, which the Go module proxy refuses).
# Whether sdk/ is what the schema generates is test/sdk/current.test.ts's question, not this script's.
# Needs Go (tools/sdkgen/go.mod's version or newer), python3 and `npm install` (TypeScript, @pulumi/pulumi).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# GOTOOLCHAIN=local: never download a toolchain. -mod=readonly: go.mod and go.sum as committed, or fail.
export GOTOOLCHAIN=local GOFLAGS=-mod=readonly
# py_compile would write __pycache__/ beside the sources, into the committed SDK; send the bytecode elsewhere.
pycache="$(mktemp -d)"
trap 'rm -rf "$pycache"' EXIT

step() {
  local name="$1" started=$SECONDS
  shift
  echo "check-sdks: $name" >&2
  "$@"
  echo "check-sdks: $name: ok ($((SECONDS - started)) s)" >&2
}

# Every .py and .pyi file under the folder (py_compile checks syntax only: the `pulumi` package is not imported).
py_compile_all() {
  local files=()
  mapfile -d '' files < <(find "$1" \( -name '*.py' -o -name '*.pyi' \) -not -path '*/venv/*' -print0 | sort -z)
  [ "${#files[@]}" -gt 0 ] || { echo "check-sdks: no Python files under $1" >&2; return 1; }
  PYTHONPYCACHEPREFIX="$pycache" python3 -m py_compile "${files[@]}"
}

go_module() { (cd "$1" && go vet ./... && go build -o /dev/null ./...); }

sdk_go() { step "sdk/go: go vet, go build ($(cd "$root/sdk/go" && go list -m -f '{{.Path}} {{.Version}}' github.com/pulumi/pulumi/sdk/v3))" go_module "$root/sdk/go"; }
sdk_python() { step "sdk/python: py_compile" py_compile_all "$root/sdk/python"; }
# Against the repository's @pulumi/pulumi and @types/node, found by walking up from sdk/nodejs to node_modules/.
sdk_nodejs() { step "sdk/nodejs: tsc --noEmit" node "$root/node_modules/typescript/bin/tsc" -p "$root/sdk/nodejs" --noEmit; }
go_basic() { step "examples/go-basic: go vet, go build (run inline by test/sdk/languages.test.ts)" go_module "$root/examples/go-basic"; }
python_basic() { step "examples/python-basic: py_compile (run inline by test/sdk/languages.test.ts)" py_compile_all "$root/examples/python-basic"; }
# The examples docs/ embeds (examples/docs/<page>/): one Go module with a main package per page, and a Python program each.
docs_go() { step "examples/docs: go vet, go build (compiled only: their pages say how each language is verified)" go_module "$root/examples/docs"; }
docs_python() { step "examples/docs: py_compile (compiled only)" py_compile_all "$root/examples/docs"; }

targets=("$@")
[ "${#targets[@]}" -gt 0 ] || targets=(sdk-go sdk-python sdk-nodejs go-basic python-basic docs-go docs-python)
for target in "${targets[@]}"; do
  case "$target" in
    sdk-go | sdk-python | sdk-nodejs | go-basic | python-basic | docs-go | docs-python) "${target//-/_}" ;;
    *) echo "check-sdks: unknown target '$target'" >&2; exit 2 ;;
  esac
done
