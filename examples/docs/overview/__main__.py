import pulumi
import pulumi_sinch_voice as sinch

# No application_key: both resources use the configured sinch:applicationKey.
main_line = sinch.voice.NumberAssignment("main-line", number="+12015550100")
callbacks = sinch.voice.ApplicationCallbacks(
    "callbacks",
    primary="https://voice.example.com/sinch",
    fallback="https://voice-backup.example.com/sinch",
)
listed = sinch.voice.get_numbers_output(application_key=main_line.application_key)

pulumi.export("mainLine", main_line.id)
pulumi.export("callbacksPrimary", callbacks.primary)
pulumi.export("listedForApplication", listed.numbers)
