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
			Primary:  pulumi.String("https://voice.example.com/sinch"),
			Fallback: pulumi.String("https://voice-backup.example.com/sinch"),
		})
		if err != nil {
			return err
		}
		listed := voice.GetNumbersOutput(ctx, voice.GetNumbersOutputArgs{ApplicationKey: mainLine.ApplicationKey})

		ctx.Export("mainLine", mainLine.ID())
		ctx.Export("callbacksPrimary", callbacks.Primary)
		ctx.Export("listedForApplication", listed.Numbers())
		return nil
	})
}
