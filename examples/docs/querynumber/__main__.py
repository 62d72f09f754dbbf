import pulumi
import pulumi_sinch_voice as sinch

swedish_mobile = sinch.voice.query_number_output(number="+46701234567")

pulumi.export("queriedCountry", swedish_mobile.country_id)
pulumi.export("queriedType", swedish_mobile.number_type)
pulumi.export("queriedRestricted", swedish_mobile.restricted)
