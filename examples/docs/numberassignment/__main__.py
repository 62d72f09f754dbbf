import pulumi
import pulumi_sinch_voice as sinch

# Voice calls to +12015550101 go to the configured application (sinch:applicationKey).
front_desk = sinch.voice.NumberAssignment("front-desk", number="+12015550101")
# Its SMS capability goes to another application of the project, taken from whichever application holds it now.
front_desk_sms = sinch.voice.NumberAssignment(
    "front-desk-sms",
    number="+12015550101",
    capability="sms",
    application_key="f00dcafe-abba-c0de-1dea-dabb1ed4caf3",
    allow_reassign=True,
)

pulumi.export("frontDesk", front_desk.id)
pulumi.export("frontDeskApplication", front_desk.assigned_application_key)
pulumi.export("frontDeskSmsFoundOn", front_desk_sms.found_application_key)
