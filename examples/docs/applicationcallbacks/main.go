package main

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		ivrCallbacks, err := voice.NewApplicationCallbacks(ctx, "ivr-callbacks", &voice.ApplicationCallbacksArgs{
			// Leave ApplicationKey out to use the configured sinch:applicationKey.
			ApplicationKey: pulumi.String("f00dcafe-abba-c0de-1dea-dabb1ed4caf3"),
			Primary:        pulumi.String("https://ivr.example.com/sinch/events"),
			// Left out, the application has no fallback: one set in the dashboard is cleared.
			Fallback: pulumi.String("https://ivr-backup.example.com/sinch/events"),
		})
		if err != nil {
			return err
		}

		ctx.Export("ivrApplication", ivrCallbacks.ID())
		ctx.Export("ivrPrimary", ivrCallbacks.AppliedPrimary)
		return nil
	})
}
