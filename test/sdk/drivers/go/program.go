package main

import (
	"fmt"

	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch"
	"github.com/pulumi-sinch-voice/pulumi-sinch-voice/sdk/go/sinch/voice"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// declare is the program the request describes, written as a Go user writes one over the SDK: explicit providers
// with sinch.NewProvider, the resources with voice.NewNumberAssignment and voice.NewApplicationCallbacks, the
// functions in their Output forms, and the resource options pulumi.Import, pulumi.Provider and pulumi.RetainOnDelete.
func declare(declared sdkProgram) pulumi.RunFunc {
	return func(ctx *pulumi.Context) error {
		providers := map[string]*sinch.Provider{}
		for _, p := range declared.Providers {
			args := &sinch.ProviderArgs{
				ApplicationKey: pulumi.String(p.ApplicationKey),
				// A secret as the user gives it; the SDK would mark it secret anyway.
				ApplicationSecret: pulumi.ToSecret(pulumi.String(p.ApplicationSecret)).(pulumi.StringOutput),
				BaseUrl:           pulumi.String(p.BaseURL),
				Auth:              pulumi.StringPtrFromPtr(p.Auth),
			}
			provider, err := sinch.NewProvider(ctx, p.Name, args)
			if err != nil {
				return err
			}
			providers[p.Name] = provider
		}
		providerNamed := func(name string) (*sinch.Provider, error) {
			provider, found := providers[name]
			if !found {
				return nil, fmt.Errorf("go driver: the program declares no provider %q", name)
			}
			return provider, nil
		}
		options := func(given sdkOptions) ([]pulumi.ResourceOption, error) {
			var chosen []pulumi.ResourceOption
			if given.ImportID != "" {
				chosen = append(chosen, pulumi.Import(pulumi.ID(given.ImportID)))
			}
			if given.Provider != "" {
				provider, err := providerNamed(given.Provider)
				if err != nil {
					return nil, err
				}
				chosen = append(chosen, pulumi.Provider(provider))
			}
			if given.RetainOnDelete {
				chosen = append(chosen, pulumi.RetainOnDelete(true))
			}
			return chosen, nil
		}
		export := func(resource string, properties map[string]pulumi.Output) {
			if !declared.ExportOutputs {
				return
			}
			for property, output := range properties {
				ctx.Export(resource+"."+property, output)
			}
		}

		for _, n := range declared.Numbers {
			opts, err := options(n.sdkOptions)
			if err != nil {
				return err
			}
			number, err := voice.NewNumberAssignment(ctx, n.Name, &voice.NumberAssignmentArgs{
				Number:         pulumi.String(n.Number),
				ApplicationKey: pulumi.StringPtrFromPtr(n.ApplicationKey),
				Capability:     pulumi.StringPtrFromPtr(n.Capability),
				AllowReassign:  pulumi.BoolPtrFromPtr(n.AllowReassign),
			}, opts...)
			if err != nil {
				return err
			}
			export(n.Name, map[string]pulumi.Output{
				"adopted":                number.Adopted,
				"allowReassign":          number.AllowReassign,
				"applicationKey":         number.ApplicationKey,
				"assignedApplicationKey": number.AssignedApplicationKey,
				"capability":             number.Capability,
				"foundApplicationKey":    number.FoundApplicationKey,
				"number":                 number.Number,
			})
		}

		for _, c := range declared.Callbacks {
			opts, err := options(c.sdkOptions)
			if err != nil {
				return err
			}
			callbacks, err := voice.NewApplicationCallbacks(ctx, c.Name, &voice.ApplicationCallbacksArgs{
				Primary:        pulumi.String(c.Primary),
				ApplicationKey: pulumi.StringPtrFromPtr(c.ApplicationKey),
				Fallback:       pulumi.StringPtrFromPtr(c.Fallback),
			}, opts...)
			if err != nil {
				return err
			}
			export(c.Name, map[string]pulumi.Output{
				"adopted":         callbacks.Adopted,
				"applicationKey":  callbacks.ApplicationKey,
				"appliedFallback": callbacks.AppliedFallback,
				"appliedPrimary":  callbacks.AppliedPrimary,
				"fallback":        callbacks.Fallback,
				"foundFallback":   callbacks.FoundFallback,
				"foundPrimary":    callbacks.FoundPrimary,
				"primary":         callbacks.Primary,
			})
		}

		for _, f := range declared.Functions {
			var invokeOptions []pulumi.InvokeOption
			if f.Provider != "" {
				provider, err := providerNamed(f.Provider)
				if err != nil {
					return err
				}
				invokeOptions = append(invokeOptions, pulumi.Provider(provider))
			}
			switch f.Function {
			case "getNumbers":
				ctx.Export("function."+f.Name, voice.GetNumbersOutput(ctx, voice.GetNumbersOutputArgs{
					ApplicationKey: pulumi.StringPtrFromPtr(f.ApplicationKey),
					Capability:     pulumi.StringPtrFromPtr(f.Capability),
				}, invokeOptions...))
			case "queryNumber":
				ctx.Export("function."+f.Name, voice.QueryNumberOutput(ctx, voice.QueryNumberOutputArgs{
					Number: pulumi.String(f.Number),
				}, invokeOptions...))
			default:
				return fmt.Errorf("go driver: unknown function %q (getNumbers or queryNumber)", f.Function)
			}
		}
		return nil
	}
}
