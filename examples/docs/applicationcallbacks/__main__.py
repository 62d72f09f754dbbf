import pulumi
import pulumi_sinch_voice as sinch

ivr_callbacks = sinch.voice.ApplicationCallbacks(
    "ivr-callbacks",
    # Leave application_key out to use the configured sinch:applicationKey.
    application_key="f00dcafe-abba-c0de-1dea-dabb1ed4caf3",
    primary="https://ivr.example.com/sinch/events",
    # Left out, the application has no fallback: one set in the dashboard is cleared.
    fallback="https://ivr-backup.example.com/sinch/events",
)

pulumi.export("ivrApplication", ivr_callbacks.id)
pulumi.export("ivrPrimary", ivr_callbacks.applied_primary)
