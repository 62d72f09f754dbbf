"""The program of examples/yaml-basic in Python, through the generated SDK (sdk/python, installed by path).

`pulumi up` in this folder runs the file as __main__, which declares the program. The SDK tests run the same function
as an inline Automation API program (test/sdk/drivers/python/driver.py), which needs no Python language host.
"""

import pulumi
import pulumi_sinch_voice as sinch


def pulumi_program():
    # No application_key: both resources use the configured sinch:applicationKey.
    main_line = sinch.voice.NumberAssignment("main-line", number="+12015550100")
    callbacks = sinch.voice.ApplicationCallbacks("callbacks", primary="https://voice.example.com/sinch")

    # What the API lists for the application once main-line exists (its applicationKey output is the argument).
    listed = sinch.voice.get_numbers_output(application_key=main_line.application_key)

    pulumi.export("number", main_line.number)
    pulumi.export("application", main_line.application_key)
    pulumi.export("adopted", main_line.adopted)
    pulumi.export("primary", callbacks.primary)
    pulumi.export("listed", listed.numbers)


if __name__ == "__main__":
    pulumi_program()
