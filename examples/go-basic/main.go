// The program of examples/yaml-basic in Go, through the generated SDK (sdk/go, by the replace directive in go.mod).
// Compiled in CI, not run by `pulumi up`: see Pulumi.yaml. Its body is program.Program, which the tests run inline
// through the Automation API (test/sdk/drivers/go).
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"pulumi-sinch-voice/examples/go-basic/program"
)

func main() {
	pulumi.Run(program.Program)
}
