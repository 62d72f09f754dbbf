import pulumi
import pulumi_sinch_voice as sinch

# Both filters are optional; application_key keeps only the numbers bound to that application.
voice_numbers = sinch.voice.get_numbers_output(capability="voice")

pulumi.export("voiceNumbers", voice_numbers.numbers)
pulumi.export("firstVoiceNumber", voice_numbers.numbers.apply(lambda numbers: numbers[0].number))
