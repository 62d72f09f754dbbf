package main

import (
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		// Voice calls to +12015550101 go to the configured application (sinch:applicationKey).
		frontDesk, err := voice.NewNumberAssignment(ctx, "front-desk", &voice.NumberAssignmentArgs{
			Number: pulumi.String("+12015550101"),
		})
		if err != nil {
			return err
		}
		// Its SMS capability goes to another application of the project, taken from whichever application holds it now.
		frontDeskSms, err := voice.NewNumberAssignment(ctx, "front-desk-sms", &voice.NumberAssignmentArgs{
			Number:         pulumi.String("+12015550101"),
			Capability:     pulumi.String("sms"),
			ApplicationKey: pulumi.String("f00dcafe-abba-c0de-1dea-dabb1ed4caf3"),
			AllowReassign:  pulumi.Bool(true),
		})
		if err != nil {
			return err
		}

		ctx.Export("frontDesk", frontDesk.ID())
		ctx.Export("frontDeskApplication", frontDesk.AssignedApplicationKey)
		ctx.Export("frontDeskSmsFoundOn", frontDeskSms.FoundApplicationKey)
		return nil
	})
}
