import pulumi
import pulumi_sinch_voice as sinch

config = pulumi.Config()
# One provider per set of credentials; its application is the default application_key of its resources. The
# settings it is not given (base_url, auth, ...) come from the SINCH_* environment variables or their defaults.
sales = sinch.Provider(
    "sales",
    application_key=config.require("salesApplication"),
    application_secret=config.require_secret("salesSecret"),
)
support = sinch.Provider(
    "support",
    application_key=config.require("supportApplication"),
    application_secret=config.require_secret("supportSecret"),
)

sales_line = sinch.voice.NumberAssignment(
    "sales-line", number="+12015550102", opts=pulumi.ResourceOptions(provider=sales)
)
support_line = sinch.voice.NumberAssignment(
    "support-line", number="+12015550103", opts=pulumi.ResourceOptions(provider=support)
)

pulumi.export("salesLineApplication", sales_line.application_key)
pulumi.export("supportLineApplication", support_line.application_key)
