package main

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// Both filters are optional; ApplicationKey keeps only the numbers bound to that application.
		voiceNumbers := voice.GetNumbersOutput(ctx, voice.GetNumbersOutputArgs{Capability: pulumi.String("voice")})

		ctx.Export("voiceNumbers", voiceNumbers.Numbers())
		ctx.Export("firstVoiceNumber", voiceNumbers.Numbers().Index(pulumi.Int(0)).Number())
		return nil
	})
}
