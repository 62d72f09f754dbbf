package main

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		swedishMobile := voice.QueryNumberOutput(ctx, voice.QueryNumberOutputArgs{Number: pulumi.String("+46701234567")})

		ctx.Export("queriedCountry", swedishMobile.CountryId())
		ctx.Export("queriedType", swedishMobile.NumberType())
		ctx.Export("queriedRestricted", swedishMobile.Restricted())
		return nil
	})
}
