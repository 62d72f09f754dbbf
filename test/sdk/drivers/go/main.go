// The Go driver of the SDK tests (test/sdk/protocol.ts): reads one SdkRequest on stdin, declares its program through
// the generated Go SDK (sdk/go) as a Go user would, runs the operation as an inline Automation API program (no Go
// language host needed) and prints one SdkAnswer as the last line of stdout.
//
// The engine is the `pulumi` on PATH; PULUMI_HOME, the backend and the passphrase come from the environment, and the
// plugin from where `pulumi plugin install` put it.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optdestroy"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optrefresh"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"pulumi-sinch-voice/examples/go-basic/program"
)

// The request and the answer, as test/sdk/protocol.ts defines them.

type sdkOptions struct {
	ImportID       string `json:"importId,omitempty"`
	Provider       string `json:"provider,omitempty"`
	RetainOnDelete bool   `json:"retainOnDelete,omitempty"`
}

type sdkNumber struct {
	sdkOptions
	Name           string  `json:"name"`
	Number         string  `json:"number"`
	ApplicationKey *string `json:"applicationKey,omitempty"`
	Capability     *string `json:"capability,omitempty"`
	AllowReassign  *bool   `json:"allowReassign,omitempty"`
}

type sdkCallbacks struct {
	sdkOptions
	Name           string  `json:"name"`
	ApplicationKey *string `json:"applicationKey,omitempty"`
	Primary        string  `json:"primary"`
	Fallback       *string `json:"fallback,omitempty"`
}

type sdkProvider struct {
	Name              string  `json:"name"`
	ApplicationKey    string  `json:"applicationKey"`
	ApplicationSecret string  `json:"applicationSecret"`
	BaseURL           string  `json:"baseUrl"`
	Auth              *string `json:"auth,omitempty"`
}

// sdkFunctionCall is either function of the union: getNumbers (applicationKey, capability) or queryNumber (number).
type sdkFunctionCall struct {
	Name           string  `json:"name"`
	Function       string  `json:"function"`
	ApplicationKey *string `json:"applicationKey,omitempty"`
	Capability     *string `json:"capability,omitempty"`
	Number         string  `json:"number,omitempty"`
	Provider       string  `json:"provider,omitempty"`
}

type sdkProgram struct {
	Providers     []sdkProvider     `json:"providers,omitempty"`
	Numbers       []sdkNumber       `json:"numbers,omitempty"`
	Callbacks     []sdkCallbacks    `json:"callbacks,omitempty"`
	Functions     []sdkFunctionCall `json:"functions,omitempty"`
	ExportOutputs bool              `json:"exportOutputs,omitempty"`
	Example       bool              `json:"example,omitempty"`
}

type sdkConfigValue struct {
	Value  string `json:"value"`
	Secret bool   `json:"secret,omitempty"`
}

type sdkRequest struct {
	WorkDir     string                    `json:"workDir"`
	ProjectName string                    `json:"projectName"`
	StackName   string                    `json:"stackName"`
	Operation   string                    `json:"operation"`
	Config      map[string]sdkConfigValue `json:"config"`
	Program     sdkProgram                `json:"program"`
}

type sdkAnswer struct {
	OK bool `json:"ok"`
	// Changes (map[string]int), Outputs (map[string]any) and SecretOutputs ([]string) are left out when nil, and
	// written when empty.
	Changes       any    `json:"changes,omitempty"`
	Outputs       any    `json:"outputs,omitempty"`
	SecretOutputs any    `json:"secretOutputs,omitempty"`
	Stdout        string `json:"stdout,omitempty"`
	Stderr        string `json:"stderr,omitempty"`
	Message       string `json:"message,omitempty"`
}

func main() {
	// Whatever else writes to the process's stdout (nothing should) goes to stderr: the answer is the last line.
	answerTo := os.Stdout
	os.Stdout = os.Stderr
	answer := serve(os.Stdin)
	encoder := json.NewEncoder(answerTo)
	encoder.SetEscapeHTML(false)
	if err := encoder.Encode(answer); err != nil {
		fmt.Fprintf(os.Stderr, "go driver: cannot write the answer: %v\n", err)
		os.Exit(1)
	}
}

func serve(input io.Reader) sdkAnswer {
	var request sdkRequest
	decoder := json.NewDecoder(input)
	decoder.DisallowUnknownFields()
	if err := decoder.Decode(&request); err != nil {
		return sdkAnswer{Message: fmt.Sprintf("go driver: the request is not an SdkRequest: %v", err)}
	}
	return run(context.Background(), request)
}

// run selects (or creates) the stack in request.WorkDir, sets its configuration and runs the operation.
func run(ctx context.Context, request sdkRequest) sdkAnswer {
	if request.WorkDir == "" || request.ProjectName == "" || request.StackName == "" {
		return sdkAnswer{Message: "go driver: the request needs workDir, projectName and stackName"}
	}
	if err := os.MkdirAll(request.WorkDir, 0o755); err != nil {
		return sdkAnswer{Message: err.Error()}
	}
	body := declare(request.Program)
	if request.Program.Example {
		body = program.Program
	}
	project := workspace.Project{
		Name:    tokens.PackageName(request.ProjectName),
		Runtime: workspace.NewProjectRuntimeInfo("go", nil),
	}
	stack, err := auto.UpsertStackInlineSource(ctx, request.StackName, request.ProjectName, body,
		auto.WorkDir(request.WorkDir), auto.Project(project))
	if err != nil {
		return sdkAnswer{Message: err.Error()}
	}
	if err := configure(ctx, stack, request); err != nil {
		return sdkAnswer{Message: err.Error()}
	}

	var stdout, stderr bytes.Buffer
	answer := sdkAnswer{}
	switch request.Operation {
	case "up":
		var result auto.UpResult
		result, err = stack.Up(ctx, optup.ProgressStreams(&stdout), optup.ErrorProgressStreams(&stderr),
			optup.Color("never"))
		if err == nil {
			answer.Changes = changes(result.Summary)
			answer.Outputs, answer.SecretOutputs = outputs(result.Outputs)
		}
	case "preview":
		var result auto.PreviewResult
		result, err = stack.Preview(ctx, optpreview.ProgressStreams(&stdout),
			optpreview.ErrorProgressStreams(&stderr), optpreview.Color("never"))
		if err == nil {
			summary := map[string]int{}
			for op, count := range result.ChangeSummary {
				summary[string(op)] = count
			}
			answer.Changes = summary
		}
	case "refresh":
		var result auto.RefreshResult
		result, err = stack.Refresh(ctx, optrefresh.ProgressStreams(&stdout),
			optrefresh.ErrorProgressStreams(&stderr), optrefresh.Color("never"))
		if err == nil {
			answer.Changes = changes(result.Summary)
		}
	case "destroy":
		var result auto.DestroyResult
		result, err = stack.Destroy(ctx, optdestroy.ProgressStreams(&stdout),
			optdestroy.ErrorProgressStreams(&stderr), optdestroy.Color("never"))
		if err == nil {
			answer.Changes = changes(result.Summary)
		}
	default:
		err = fmt.Errorf("go driver: unknown operation %q (up, preview, refresh or destroy)", request.Operation)
	}
	answer.OK = err == nil
	answer.Stdout = stdout.String()
	answer.Stderr = stderr.String()
	if err != nil {
		answer.Message = err.Error()
	}
	return answer
}

// configure makes the stack's configuration request.Config: keys it lacks are removed, secrets are set as secrets.
func configure(ctx context.Context, stack auto.Stack, request sdkRequest) error {
	// The CLI names a key of the project's own namespace `<project>:<key>`; a request may name it either way.
	qualified := func(key string) string {
		if strings.Contains(key, ":") {
			return key
		}
		return request.ProjectName + ":" + key
	}
	wanted := auto.ConfigMap{}
	wantedKeys := map[string]bool{}
	for key, value := range request.Config {
		wanted[key] = auto.ConfigValue{Value: value.Value, Secret: value.Secret}
		wantedKeys[qualified(key)] = true
	}
	current, err := stack.GetAllConfig(ctx)
	if err != nil {
		return err
	}
	var stale []string
	for key := range current {
		if !wantedKeys[qualified(key)] {
			stale = append(stale, key)
		}
	}
	sort.Strings(stale)
	if len(stale) > 0 {
		if err := stack.RemoveAllConfig(ctx, stale); err != nil {
			return err
		}
	}
	if len(wanted) > 0 {
		return stack.SetAllConfig(ctx, wanted)
	}
	return nil
}

func changes(summary auto.UpdateSummary) map[string]int {
	if summary.ResourceChanges == nil {
		return map[string]int{}
	}
	return *summary.ResourceChanges
}

// outputs gives the stack's outputs plain, and the names of the secret ones, sorted. An absent optional output (a nil
// pointer, which the Go SDK exports as null) is left out.
func outputs(stackOutputs auto.OutputMap) (map[string]any, []string) {
	plain := map[string]any{}
	secret := []string{}
	for name, output := range stackOutputs {
		if output.Value == nil {
			continue
		}
		plain[name] = output.Value
		if output.Secret {
			secret = append(secret, name)
		}
	}
	sort.Strings(secret)
	return plain, secret
}
