// Package program is the program of examples/yaml-basic in Go, through the generated SDK (sdk/go, by the replace
// directive in go.mod). main.go runs it with pulumi.Run; the tests run the same function inline through the Automation
// API (test/sdk/drivers/go), which needs no Go language host.
package program

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Program declares one number bound to the configured application and the application's callback URL.
func Program(ctx *pulumi.Context) error {
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
}
