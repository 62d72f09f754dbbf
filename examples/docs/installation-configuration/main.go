package main

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch"
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// One provider per set of credentials; its application is the default ApplicationKey of its resources. The
		// settings it is not given (BaseUrl, Auth, ...) come from the SINCH_* environment variables or their defaults.
		sales, err := sinch.NewProvider(ctx, "sales", &sinch.ProviderArgs{
			ApplicationKey:    pulumi.String(config.Require(ctx, "salesApplication")),
			ApplicationSecret: config.RequireSecret(ctx, "salesSecret"),
		})
		if err != nil {
			return err
		}
		support, err := sinch.NewProvider(ctx, "support", &sinch.ProviderArgs{
			ApplicationKey:    pulumi.String(config.Require(ctx, "supportApplication")),
			ApplicationSecret: config.RequireSecret(ctx, "supportSecret"),
		})
		if err != nil {
			return err
		}

		salesLine, err := voice.NewNumberAssignment(ctx, "sales-line", &voice.NumberAssignmentArgs{
			Number: pulumi.String("+12015550102"),
		}, pulumi.Provider(sales))
		if err != nil {
			return err
		}
		supportLine, err := voice.NewNumberAssignment(ctx, "support-line", &voice.NumberAssignmentArgs{
			Number: pulumi.String("+12015550103"),
		}, pulumi.Provider(support))
		if err != nil {
			return err
		}

		ctx.Export("salesLineApplication", salesLine.ApplicationKey)
		ctx.Export("supportLineApplication", supportLine.ApplicationKey)
		return nil
	})
}
