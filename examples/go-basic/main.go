// The program of examples/yaml-basic in Go, through the generated SDK (sdk/go, by the replace directive in go.mod).
// Compiled in CI, not run: see Pulumi.yaml.
package main

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// No ApplicationKey: both resources use the configured sinch:applicationKey.
		mainLine, err := voice.NewNumberAssignment(ctx, "main-line", &voice.NumberAssignmentArgs{
			Number: pulumi.String("+12015550100"),
		})
		if err != nil {
			return err
		}
		callbacks, err := voice.NewApplicationCallbacks(ctx, "callbacks", &voice.ApplicationCallbacksArgs{
			Primary: pulumi.String("https://voice.example.com/sinch"),
		})
		if err != nil {
			return err
		}
		// What the API lists for the application once main-line exists (its applicationKey output is the argument).
		listed := voice.GetNumbersOutput(ctx, voice.GetNumbersOutputArgs{ApplicationKey: mainLine.ApplicationKey})

		ctx.Export("number", mainLine.Number)
		ctx.Export("application", mainLine.ApplicationKey)
		ctx.Export("adopted", mainLine.Adopted)
		ctx.Export("primary", callbacks.Primary)
		ctx.Export("listed", listed.Numbers())
		return nil
	})
}
