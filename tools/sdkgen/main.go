// sdkgen writes the Go, Python and Node.js SDKs of the plugin from its package schema, with the code generators of
// github.com/pulumi/pulumi/pkg/v3. `pulumi package gen-sdk` would do the same through the pulumi-language-* plugins,
// which the Go module proxy refuses; the generators are plain Go packages, so this program calls them directly.
//
//	sdkgen <schema.json> <out>    writes <out>/go, <out>/python and <out>/nodejs, replacing what was there
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"runtime/debug"

	"github.com/blang/semver"
	gogen "github.com/pulumi/pulumi/pkg/v3/codegen/go"
	"github.com/pulumi/pulumi/pkg/v3/codegen/nodejs"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"golang.org/x/mod/modfile"
)

// The generators name themselves in each file's header; a fixed name keeps the output independent of who runs it.
const tool = "pulumi-sinch-voice sdkgen"

// noLoader: the binder and the Node.js and Python generators require a loader, but the schema refers to no other
// package, so nothing may be loaded. Failing loudly beats a silent download of some other schema.
type noLoader struct{}

var errNoLoad = errors.New("sdkgen: the schema refers to another package; nothing may be loaded")

func (noLoader) LoadPackage(string, *semver.Version) (*schema.Package, error) { return nil, errNoLoad }
func (noLoader) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errNoLoad
}
func (noLoader) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errNoLoad
}
func (noLoader) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errNoLoad
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: sdkgen <schema.json> <out>")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen:", err)
		os.Exit(1)
	}
}

func run(schemaFile, out string) error {
	raw, err := os.ReadFile(schemaFile)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(raw, &spec); err != nil {
		return fmt.Errorf("%s: %w", schemaFile, err)
	}
	// Packaging choices, not part of what the plugin serves. meta.supportPack makes every SDK ask the engine for the
	// plugin at the schema's version (the package's) instead of a version stamped in at release time, and puts the
	// Go module in go/ (module path: importBasePath without its last element). pyproject: the Python SDK is
	// described by pyproject.toml rather than setup.py, as current Pulumi providers ship it.
	if spec.Meta == nil {
		spec.Meta = &schema.MetadataSpec{}
	}
	spec.Meta.SupportPack = true
	pythonSettings, err := withPyproject(spec.Language["python"])
	if err != nil {
		return err
	}
	spec.Language["python"] = pythonSettings

	loader := noLoader{}
	generators := map[string]func(*schema.Package) (map[string][]byte, error){
		"go": goSDK,
		"python": func(pkg *schema.Package) (map[string][]byte, error) {
			files, err := python.GeneratePackage(tool, pkg, nil, loader)
			if err != nil {
				return nil, err
			}
			// pyproject.toml names a README.md beside it, which the generator writes only inside the package;
			// without one there, pip warns and builds a distribution with no description.
			name := pkg.Language["python"].(python.PackageInfo).PackageName
			files["README.md"] = files[path.Join(name, "README.md")]
			return files, nil
		},
		"nodejs": func(pkg *schema.Package) (map[string][]byte, error) {
			return nodejs.GeneratePackage(tool, pkg, nil, nil, false, loader)
		},
	}
	for _, language := range []string{"go", "python", "nodejs"} {
		// A package of its own for each generator: they record their language's settings in it as they go.
		pkg, err := schema.ImportSpec(spec, nil, loader, schema.ValidationOptions{})
		if err != nil {
			return err
		}
		files, err := generators[language](pkg)
		if err != nil {
			return fmt.Errorf("%s: %w", language, err)
		}
		if err := write(filepath.Join(out, language), files); err != nil {
			return err
		}
	}
	return tidy(filepath.Join(out, "go"))
}

func withPyproject(section schema.RawMessage) (schema.RawMessage, error) {
	settings := map[string]any{}
	if len(section) > 0 {
		if err := json.Unmarshal(section, &settings); err != nil {
			return nil, fmt.Errorf("language.python: %w", err)
		}
	}
	settings["pyproject"] = map[string]any{"enabled": true}
	return json.Marshal(settings)
}

func goSDK(pkg *schema.Package) (map[string][]byte, error) {
	files, err := gogen.GeneratePackage(tool, pkg, nil)
	if err != nil {
		return nil, err
	}
	// The generator's go.mod requires a Pulumi SDK of its own choosing (v3.269.0 in v3.274.1); require the one this
	// program is built with instead (tools/sdkgen/go.mod), the release the repository's CLI is built from.
	sdk, err := builtWith("github.com/pulumi/pulumi/sdk/v3")
	if err != nil {
		return nil, err
	}
	mod, err := modfile.Parse("go.mod", files["go.mod"], nil)
	if err != nil {
		return nil, err
	}
	if err := mod.AddRequire("github.com/pulumi/pulumi/sdk/v3", sdk); err != nil {
		return nil, err
	}
	files["go.mod"], err = mod.Format()
	return files, err
}

func builtWith(module string) (string, error) {
	info, ok := debug.ReadBuildInfo()
	if ok {
		for _, dependency := range info.Deps {
			if dependency.Path == module {
				return dependency.Version, nil
			}
		}
	}
	return "", fmt.Errorf("no version of %s in the build information", module)
}

// write replaces directory with exactly files, so that a file the generator no longer writes disappears too.
func write(directory string, files map[string][]byte) error {
	if err := os.RemoveAll(directory); err != nil {
		return err
	}
	for name, content := range files {
		file := filepath.Join(directory, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(file, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// tidy completes the Go SDK's go.mod with the modules its imports need and writes its go.sum, so that it builds
// with -mod=readonly. GOFLAGS is cleared: this step is the one that must write go.mod; it also must not pick a
// newer toolchain than the machine's (GOTOOLCHAIN=local comes from the caller).
func tidy(directory string) error {
	command := exec.Command("go", "mod", "tidy")
	command.Dir = directory
	command.Env = append(os.Environ(), "GOFLAGS=")
	command.Stdout = os.Stderr
	command.Stderr = os.Stderr
	if err := command.Run(); err != nil {
		return fmt.Errorf("go mod tidy in %s: %w", directory, err)
	}
	return nil
}
